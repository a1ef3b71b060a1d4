import { crlf, testRule } from '../../../support/rule-tester';
import { lines, TOBS, TOBS_AFTER } from './fixtures';

const app = (...groupAdd: string[]) => lines('services:', '  app:', '    image: x', '    group_add:', ...groupAdd);
const REQUIRED_RENDER = '${RENDER_GID:?set RENDER_GID to the GID of the render group on the host}';
const builtApp = (dockerfile: string) => ({ 'compose.yml': lines('services:', '  app:', '    build: .', '    group_add:', '      - render'), Dockerfile: dockerfile });

testRule('compose/group-add-name', {
  valid: [
    { name: 'the tobs before and after sets', files: TOBS },
    { files: TOBS_AFTER },
    { name: 'Debian base groups', files: { 'compose.yml': app('      - video', '      - audio', '      - plugdev', '      - www-data', '      - nogroup') } },
    { name: 'numbers, variables and keep-groups are not names', files: { 'compose.yml': app('      - "988"', '      - 44', '      - ${RENDER_GID:-988}', '      - $DOCKER_GID', '      - keep-groups') } },
    { name: 'a name commented out', files: { 'compose.yml': app('      - video', '      # - render') } },
    { name: 'the image the service builds creates the group', files: builtApp(lines('FROM python:3.12-slim', 'RUN groupadd -g 109 render && useradd -G render app')) },
    { name: 'a base stage creates the group (addgroup)', files: builtApp(lines('FROM debian:bookworm AS base', 'RUN addgroup --system render', 'FROM base', 'USER 1000')) },
    { name: 'suppressed', files: { 'compose.yml': app('      # tobs-ignore-next-line compose/group-add-name', '      - render') } },
  ],
  invalid: [
    {
      name: "render, with the host's render GID known",
      files: { 'compose.yml': app('      - video', '      - render') },
      host: { renderGid: 993 },
      errors: [{ line: 6, column: 9, message: 'names the group `render`' }],
      output: { 'compose.yml': app('      - video', '      - ${RENDER_GID:-993}') },
    },
    {
      name: 'render, host unknown: a variable compose requires, saying what to set',
      files: { 'compose.yml': app('      - "render"  # for the GPU') },
      errors: [{ line: 5, message: 'unable to find group render' }],
      output: { 'compose.yml': app(`      - "${REQUIRED_RENDER}"  # for the GPU`) },
    },
    {
      name: 'other names get their own variable',
      files: { 'compose.yml': app('      - docker', "      - 'kvm'") },
      errors: [{ line: 5, message: '`docker`' }, { line: 6, message: '`kvm`' }],
      output: {
        'compose.yml': app(
          '      - ${DOCKER_GID:?set DOCKER_GID to the GID of the docker group on the host}',
          "      - '${KVM_GID:?set KVM_GID to the GID of the kvm group on the host}'",
        ),
      },
    },
    {
      name: 'a flow sequence',
      files: { 'compose.yml': lines('services:', '  app: {image: x, group_add: [video, render]}') },
      host: { renderGid: 988 },
      errors: [{ line: 2, column: 38 }],
      output: { 'compose.yml': lines('services:', '  app: {image: x, group_add: [video, "${RENDER_GID:-988}"]}') },
    },
    {
      name: 'the list already passes RENDER_GID: the name goes',
      files: { 'compose.yml': app('      - render', '      - ${RENDER_GID:-988}') },
      errors: [{ line: 5 }],
      output: { 'compose.yml': app('      - ${RENDER_GID:-988}') },
    },
    {
      name: "the list already has the host's render GID as a number: the name goes",
      files: { 'compose.yml': app('      - render', '      - "988"') },
      host: { renderGid: 988 },
      errors: [{ line: 5 }],
      output: { 'compose.yml': app('      - "988"') },
    },
    {
      name: 'a list shared through an anchor is reported once, where it is written',
      files: { 'compose.yml': lines('x-gpu: &gpu', '  group_add:', '    - render', 'services:', '  a:', '    <<: *gpu', '    image: x', '  b:', '    <<: *gpu', '    image: y') },
      host: { renderGid: 109 },
      errors: [{ line: 3, column: 7 }],
      output: { 'compose.yml': lines('x-gpu: &gpu', '  group_add:', '    - ${RENDER_GID:-109}', 'services:', '  a:', '    <<: *gpu', '    image: x', '  b:', '    <<: *gpu', '    image: y') },
    },
    {
      name: 'the image creates the group, but not the image of another service sharing the list',
      files: {
        'compose.yml': lines('x-gpu: &gpu', '  group_add: [render]', 'services:', '  a:', '    <<: *gpu', '    build: .', '  b:', '    <<: *gpu', '    image: public/app'),
        Dockerfile: lines('FROM python:3.12-slim', 'RUN groupadd render'),
      },
      errors: [{ line: 2, column: 15 }],
    },
    {
      name: 'CRLF line endings',
      files: { 'compose.yml': crlf(app('      - render')) },
      host: { renderGid: 988 },
      errors: [{ line: 5 }],
      output: { 'compose.yml': crlf(app('      - ${RENDER_GID:-988}')) },
    },
  ],
});
