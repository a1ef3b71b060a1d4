import { crlf, testRule } from '../../../support/rule-tester';

const compose = (image: string) => `services:\n  app:\n    build: .\n    image: ${image}\n`;
const dockerfile = 'FROM python:3.12-slim\n';

testRule('cross/image-name-mismatch', {
  valid: [
    { name: 'the same image', files: { 'compose.yaml': compose('tobs:latest'), Dockerfile: dockerfile, 'run.sh': 'podman run --rm tobs\n' } },
    { name: 'podman stores local builds as localhost/…', files: { 'compose.yaml': compose('tobs:latest'), Dockerfile: dockerfile, 'run.sh': 'podman run --rm localhost/tobs:latest\n' } },
    { name: 'an unrelated public image', files: { 'compose.yaml': compose('tobs:latest'), Dockerfile: dockerfile, 'run.sh': 'docker run --rm redis:7\n' } },
    { name: 'a compose service that does not build', files: { 'compose.yaml': 'services:\n  app:\n    image: tobs:latest\n', 'run.sh': 'podman run tobs:dev\n' } },
    { name: 'a compose file in an unrelated folder', files: { 'a/compose.yaml': compose('tobs:latest'), 'a/Dockerfile': dockerfile, 'b/run.sh': 'podman run tobs:dev\n' } },
    { name: 'an image the script builds itself', files: { 'compose.yaml': compose('tobs:latest'), Dockerfile: dockerfile, 'run.sh': 'podman build -t tobs:dev .\npodman run tobs:dev\n' } },
  ],
  invalid: [
    {
      name: 'another tag, through a variable',
      files: { 'run.sh': '#!/bin/sh\nIMAGE=tobs:dev\npodman run --rm "$IMAGE"\n', 'compose.yaml': compose('tobs:latest'), Dockerfile: dockerfile },
      errors: [{ line: 3, column: 17, message: 'runs tobs:dev but the compose file builds tobs:latest' }],
      output: { 'run.sh': '#!/bin/sh\nIMAGE=tobs:latest\npodman run --rm "$IMAGE"\n' },
    },
    {
      name: 'a default in the variable, CRLF',
      files: { 'run.sh': crlf('IMAGE="${IMAGE:-ghcr.io/me/tobs}"\ndocker run $IMAGE\n'), 'compose.yaml': compose('tobs:latest'), Dockerfile: dockerfile },
      errors: [{ line: 2, column: 12 }],
      output: { 'run.sh': crlf('IMAGE="${IMAGE:-tobs:latest}"\ndocker run $IMAGE\n') },
    },
    {
      name: 'docker does not know the localhost/ prefix',
      files: { 'run.sh': 'docker run -d localhost/tobs\n', 'compose.yaml': compose('tobs:latest'), Dockerfile: dockerfile },
      errors: [{ line: 1, column: 15 }],
      output: { 'run.sh': 'docker run -d tobs:latest\n' },
    },
    {
      name: 'a literal image word in a subfolder script',
      files: { 'scripts/run.sh': 'podman run --rm -it tobs:old bash\n', 'compose.yaml': compose('"tobs:latest"'), Dockerfile: dockerfile },
      errors: [{ file: 'scripts/run.sh', line: 1, column: 21 }],
      output: { 'scripts/run.sh': 'podman run --rm -it tobs:latest bash\n' },
    },
  ],
});
