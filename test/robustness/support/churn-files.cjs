// Rewrites, truncates, deletes and replaces files in a folder as fast as it can, until killed:
// the "files change while being read" half of a hostile-workspace test. Argument: the folder.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const names = ['Dockerfile', 'compose.yaml', 'run.sh', 'sub/Dockerfile', 'start'];
const contents = [
  '',
  'FROM python:3.12\nRUN uv sync\n',
  'services:\n  app:\n    image: x\n    group_add: ["109"]\n',
  '#!/bin/bash\npodman run -v $PWD:/x -u 0 tobs\n',
  'FROM python:3.12\n' + 'RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(20000),
];
let i = 0;
for (;;) {
  const target = path.join(dir, names[i % names.length]);
  try {
    switch ((i * 7) % 5) {
      case 0:
        fs.writeFileSync(target, contents[i % contents.length]);
        break;
      case 1:
        fs.truncateSync(target, i % 50);
        break;
      case 2:
        fs.rmSync(target, { force: true, recursive: true });
        break;
      case 3:
        fs.rmSync(target, { force: true, recursive: true });
        fs.mkdirSync(target);
        break;
      default:
        fs.rmSync(target, { force: true, recursive: true });
        fs.symlinkSync(path.join(dir, names[(i + 1) % names.length]), target);
    }
  } catch {
    // Losing a race with ourselves is the point.
  }
  i++;
}
