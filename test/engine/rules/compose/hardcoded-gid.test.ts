import { crlf, testRule } from '../../../support/rule-tester';
import { lines, TOBS, TOBS_AFTER, TOBS_COMPOSE } from './fixtures';

const app = (...groupAdd: string[]) => ({ 'compose.yml': lines('services:', '  app:', '    image: x', '    group_add:', ...groupAdd) });
const TOBS_FIXED = TOBS_COMPOSE.replace('- "988"', '- "${RENDER_GID:-988}"');

testRule('compose/hardcoded-gid', {
  valid: [
    { name: 'the tobs after set', files: TOBS_AFTER },
    { name: 'group names', files: app('      - video', '      - render') },
    { name: 'a quoted variable with a default', files: app('      - "${RENDER_GID:-993}"') },
    { name: 'a plain variable with a default', files: app('      - ${JELLYFIN_RENDER_GID:-109}') },
    { name: 'a numeric group commented out', files: app('      - video', '      # - "109"') },
    { name: 'a number elsewhere in the service', files: { 'compose.yml': lines('services:', '  app:', '    image: x', '    user: "1000"', '    group_add: [video]') } },
  ],
  invalid: [
    {
      name: 'the tobs compose file',
      files: TOBS,
      errors: [{ file: 'docker-compose.yml', line: 24, column: 9, message: 'group id 988' }],
      output: { 'docker-compose.yml': TOBS_FIXED },
    },
    {
      name: 'the tobs compose file with CRLF line endings',
      files: { 'docker-compose.yml': crlf(TOBS_COMPOSE) },
      errors: [{ line: 24, column: 9 }],
      output: { 'docker-compose.yml': crlf(TOBS_FIXED) },
    },
    {
      name: 'a quoted literal with a comment: the comment stays',
      files: app('      - "109"  # render, host-specific'),
      errors: [{ line: 5, column: 9, message: '109' }],
      output: { 'compose.yml': lines('services:', '  app:', '    image: x', '    group_add:', '      - "${RENDER_GID:-109}"  # render, host-specific') },
    },
    {
      name: 'plain and single-quoted literals of unknown groups: the first becomes RENDER_GID, later ones their own variable',
      files: app('      - 993', "      - '109'"),
      errors: [{ line: 5 }, { line: 6 }],
      output: { 'compose.yml': lines('services:', '  app:', '    image: x', '    group_add:', '      - ${RENDER_GID:-993}', "      - '${GID_109:-109}'") },
    },
    {
      name: 'RENDER_GID already used in the list',
      files: app('      - ${RENDER_GID:-993}', '      - 45'),
      errors: [{ line: 6 }],
      output: { 'compose.yml': lines('services:', '  app:', '    image: x', '    group_add:', '      - ${RENDER_GID:-993}', '      - ${GID_45:-45}') },
    },
    {
      name: 'groups named in comments, and a group named twice (docling, frigate)',
      files: app('      - 44    # video group GID from host', '      - 992   # render group GID from host', '      - "110" # render'),
      errors: [{ line: 5 }, { line: 6 }, { line: 7 }],
      output: {
        'compose.yml': lines(
          'services:',
          '  app:',
          '    image: x',
          '    group_add:',
          '      - ${VIDEO_GID:-44}    # video group GID from host',
          '      - ${RENDER_GID:-992}   # render group GID from host',
          '      - "${GID_110:-110}" # render',
        ),
      },
    },
    {
      name: "Debian's fixed ids and the host's render group name their variables (immich)",
      files: app('      - "44"', '      - "46"', '      - "993"'),
      host: { renderGid: 993 },
      errors: [{ line: 5 }, { line: 6 }, { line: 7 }],
      output: { 'compose.yml': lines('services:', '  app:', '    image: x', '    group_add:', '      - "${VIDEO_GID:-44}"', '      - "${PLUGDEV_GID:-46}"', '      - "${RENDER_GID:-993}"') },
    },
    {
      name: 'flow style quotes what a flow sequence cannot hold plain',
      files: { 'compose.yml': lines('services:', '  app: {image: x, group_add: [video, 988]}') },
      errors: [{ line: 2, column: 38 }],
      output: { 'compose.yml': lines('services:', '  app: {image: x, group_add: [video, "${RENDER_GID:-988}"]}') },
    },
    {
      name: 'a list shared through an anchor and merge keys is reported once, where it is written',
      files: {
        'compose.yml': lines('x-gpu: &gpu', '  devices:', '    - /dev/dri:/dev/dri', '  group_add:', '    - "988"', 'services:', '  a:', '    <<: *gpu', '    image: x', '  b:', '    <<: *gpu', '    image: y'),
      },
      errors: [{ line: 5, column: 7 }],
      output: {
        'compose.yml': lines('x-gpu: &gpu', '  devices:', '    - /dev/dri:/dev/dri', '  group_add:', '    - "${RENDER_GID:-988}"', 'services:', '  a:', '    <<: *gpu', '    image: x', '  b:', '    <<: *gpu', '    image: y'),
      },
    },
  ],
});
