import { crlf, testRule } from '../../../support/rule-tester';
import { lines, TOBS, TOBS_AFTER } from './fixtures';

const service = (...body: string[]) => ({ 'compose.yml': lines('services:', '  app:', ...body) });
const REQUIRED_RENDER = '${RENDER_GID:?set RENDER_GID to the GID of the render group on the host}';
const NON_ROOT_DOCKERFILE = lines('FROM python:3.12-slim', 'RUN useradd -u 1000 app', 'USER app');

testRule('compose/gpu-device-without-group', {
  valid: [
    { name: 'the tobs before and after sets', files: TOBS },
    { files: TOBS_AFTER },
    { name: 'the image runs as root (no USER): root opens the nodes', files: { ...service('    build: .', '    devices: [/dev/dri]', '    group_add: [video]'), Dockerfile: lines('FROM python:3.12-slim') } },
    { name: 'an image the project does not build, no user, no groups (ollama)', files: service('    image: ollama/ollama', '    devices:', '      - /dev/dri:/dev/dri') },
    { name: 'user root set explicitly', files: service('    image: x', '    user: root', '    devices: [/dev/dri]', '    group_add: [video]') },
    { name: 'a numeric GID', files: service('    image: x', '    user: "1000"', '    devices: [/dev/dri]', '    group_add: ["988"]') },
    { name: 'a variable', files: service('    image: x', '    user: ${PUID}:${PGID}', '    devices: [/dev/dri]', '    group_add:', '      - ${JELLYFIN_RENDER_GID:-109}') },
    { name: 'keep-groups and the render name (another rule judges the name)', files: service('    image: x', '    user: "1000"', '    devices: [/dev/dri]', '    group_add: [keep-groups, render]') },
    { name: 'the device commented out', files: service('    image: x', '    user: "1000"', '    devices:', '      # - /dev/dri:/dev/dri', '      - /dev/kfd') },
    { name: 'a group from the service it extends', files: { 'compose.yml': lines('services:', '  base:', '    group_add: ["${RENDER_GID:-988}"]', '  app:', '    extends: base', '    image: x', '    user: "1000"', '    devices: [/dev/dri]') } },
    { name: 'extends from a file the project cannot read: no guessing', files: service('    image: x', '    user: "1000"', '    devices: [/dev/dri]', '    extends:', '      file: hw.yml', '      service: hw') },
  ],
  invalid: [
    {
      name: "a user, no group_add: one is added with the host's render GID",
      files: service('    image: x', '    user: 1000:1000', '    devices:', '      - /dev/dri:/dev/dri'),
      host: { renderGid: 988 },
      errors: [{ line: 6, column: 9, message: 'Service app gets /dev/dri but no group that owns the render nodes' }],
      output: service('    image: x', '    user: 1000:1000', '    devices:', '      - /dev/dri:/dev/dri', '    group_add: ["${RENDER_GID:-988}"]'),
    },
    {
      name: 'video alone, host unknown: the required variable is appended',
      files: service('    image: public/app', '    devices:', '      - /dev/dri', '    group_add:', '      - video  # the GPU'),
      errors: [{ line: 5, message: '`video` owns only card*' }],
      output: service('    image: public/app', '    devices:', '      - /dev/dri', '    group_add:', '      - video  # the GPU', `      - ${REQUIRED_RENDER}`),
    },
    {
      name: 'one render node, for the non-root user of the image the service builds',
      files: { ...service('    build: .', '    devices:', '      - /dev/dri/renderD128:/dev/dri/renderD128'), Dockerfile: NON_ROOT_DOCKERFILE },
      host: { renderGid: 109 },
      errors: [{ line: 5, message: 'gets /dev/dri/renderD128' }],
      output: { 'compose.yml': lines('services:', '  app:', '    build: .', '    devices:', '      - /dev/dri/renderD128:/dev/dri/renderD128', '    group_add: ["${RENDER_GID:-109}"]') },
    },
    {
      name: 'the groups come from an anchor: the item goes there',
      files: { 'compose.yml': lines('x-gpu: &gpu', '  devices: [/dev/dri]', '  group_add: [video]', 'services:', '  app:', '    <<: *gpu', '    image: x') },
      host: { renderGid: 988 },
      errors: [{ line: 2, column: 13 }],
      output: { 'compose.yml': lines('x-gpu: &gpu', '  devices: [/dev/dri]', '  group_add: [video, "${RENDER_GID:-988}"]', 'services:', '  app:', '    <<: *gpu', '    image: x') },
    },
    {
      name: 'the device comes from an extended service in another file: reported on the service',
      files: {
        'compose.yml': lines('services:', '  app:', '    extends:', '      file: compose.gpu.yml', '      service: gpu', '    image: x', '    user: "1000"'),
        'compose.gpu.yml': lines('services:', '  gpu:', '    devices:', '      - /dev/dri:/dev/dri'),
      },
      host: { renderGid: 988 },
      errors: [{ line: 2, column: 3 }],
      output: { 'compose.yml': lines('services:', '  app:', '    extends:', '      file: compose.gpu.yml', '      service: gpu', '    image: x', '    user: "1000"', '    group_add: ["${RENDER_GID:-988}"]') },
    },
    {
      name: 'CRLF line endings',
      files: { 'compose.yml': crlf(lines('services:', '  app:', '    image: x', '    devices: [/dev/dri]', '    group_add:', '      - video')) },
      host: { renderGid: 988 },
      errors: [{ line: 4 }],
      output: { 'compose.yml': crlf(lines('services:', '  app:', '    image: x', '    devices: [/dev/dri]', '    group_add:', '      - video', '      - ${RENDER_GID:-988}')) },
    },
  ],
});
