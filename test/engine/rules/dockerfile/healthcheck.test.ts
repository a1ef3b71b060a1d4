import { crlf, testRule } from '../../../support/rule-tester';

testRule('dockerfile/healthcheck', {
  valid: [
    { name: 'a HEALTHCHECK in the final stage', files: { Dockerfile: 'FROM python:3.12\nHEALTHCHECK CMD python -c "import sys"\nCMD ["python"]\n' } },
    { name: 'HEALTHCHECK NONE', files: { Dockerfile: 'FROM python:3.12\nHEALTHCHECK NONE\n' } },
    { name: 'inherited from the stage the final stage is built on', files: { Dockerfile: 'FROM python:3.12 AS base\nHEALTHCHECK CMD ["true"]\nFROM base\nCMD ["python"]\n' } },
    { name: 'no stage at all', files: { Dockerfile: '# nothing yet\n' } },
  ],
  invalid: [
    {
      name: 'the seed: inserted before CMD, keeping the blank line',
      files: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\n\nCMD ["python", "-m", "tobs"]\n' },
      errors: [{ line: 1, column: 1, message: 'no HEALTHCHECK' }],
      output: {
        Dockerfile:
          'FROM python:3.12\nWORKDIR /app\n\nHEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \\\n    CMD ["python", "-c", "import sys; sys.exit(0)"]\n\nCMD ["python", "-m", "tobs"]\n',
      },
    },
    {
      name: 'judged on the final stage of a multi-stage build; above the comment on ENTRYPOINT; options',
      files: { Dockerfile: 'FROM python:3.12 AS build\nHEALTHCHECK NONE\nFROM python:3.12-slim\nCOPY --from=build /app/.venv /app/.venv\n# run it\nENTRYPOINT ["gunicorn", "app:api"]\n' },
      options: { healthcheck: { command: ['app', 'health', '--url', 'http://localhost:8080/"x"'], interval: '1m', timeout: '5s', startPeriod: '1s', retries: 5 } },
      errors: [{ line: 3 }],
      output: {
        Dockerfile:
          'FROM python:3.12 AS build\nHEALTHCHECK NONE\nFROM python:3.12-slim\nCOPY --from=build /app/.venv /app/.venv\nHEALTHCHECK --interval=1m --timeout=5s --start-period=1s --retries=5 \\\n    CMD ["app", "health", "--url", "http://localhost:8080/\\"x\\""]\n# run it\nENTRYPOINT ["gunicorn", "app:api"]\n',
      },
    },
    {
      name: 'CMD inherited from the parent stage: at the end of the stage, also without a final line break',
      files: { Dockerfile: 'FROM python:3.12 AS base\nCMD ["python", "-m", "app"]\nFROM base\nRUN true' },
      errors: [{ line: 3 }],
      output: { Dockerfile: 'FROM python:3.12 AS base\nCMD ["python", "-m", "app"]\nFROM base\nRUN true\n\nHEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \\\n    CMD ["python", "-c", "import sys; sys.exit(0)"]' },
    },
    {
      name: 'the escape character of the file, CRLF',
      files: { Dockerfile: crlf('# escape=`\nFROM python:3.12\nCMD ["python", "-m", "app"]\n') },
      errors: [{ line: 2 }],
      output: {
        Dockerfile: crlf('# escape=`\nFROM python:3.12\nHEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 `\n    CMD ["python", "-c", "import sys; sys.exit(0)"]\nCMD ["python", "-m", "app"]\n'),
      },
    },
  ],
});
