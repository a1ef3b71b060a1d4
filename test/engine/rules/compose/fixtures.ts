// Shared inputs of the compose rule tests: the tobs set-up before the fixes (the scenario's
// compose file and Dockerfile, verbatim) and a way to write small files line by line.

/** The lines joined with `\n`, with a final newline. */
export function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

export const TOBS_COMPOSE = `version: "3.8"

services:
  tobs:
    build:
      context: .
      dockerfile: Dockerfile
      args:
        HTTP_PROXY: ""
        HTTPS_PROXY: ""
        http_proxy: ""
        https_proxy: ""
    image: tobs:latest
    container_name: tobs
    environment:
      HTTP_PROXY: ""
      HTTPS_PROXY: ""
      http_proxy: ""
      https_proxy: ""
    devices:
      - /dev/dri:/dev/dri
    group_add:
      - video
      - "988"
    volumes:
      - ./export:/app/export
      - ./sessions:/app/sessions
      - ./models:/app/models
`;

export const TOBS_DOCKERFILE = `FROM python:3.11.8-slim-bookworm

COPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv

ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1

WORKDIR /app

COPY pyproject.toml uv.lock ./
RUN uv pip compile pyproject.toml -o requirements.txt && \\
    uv pip install --system -r requirements.txt

COPY . .

RUN mkdir -p /app/export /app/models

CMD ["python", "-m", "tobs"]
`;

/** The scenario's workspace before the fixes, for multi-file cases. */
export const TOBS = { 'docker-compose.yml': TOBS_COMPOSE, Dockerfile: TOBS_DOCKERFILE };

/** The scenario's workspace after the fixes: none of the compose rules may fire on it. */
export const TOBS_AFTER = {
  'docker-compose.yml': `services:
  tobs:
    build:
      context: .
      dockerfile: Dockerfile
      args:
        PYTHON_VERSION: \${PYTHON_VERSION:-3.11.8}
    image: tobs:latest
    container_name: tobs
    devices:
      - /dev/dri:/dev/dri
    group_add:
      - video
      - \${RENDER_GID:-988}
    volumes:
      - ./export:/app/export
      - ./sessions:/app/sessions
      - ./models:/app/models
    deploy:
      resources:
        limits:
          cpus: "4"
          memory: 8G
        reservations:
          cpus: "1"
          memory: 2G
    healthcheck:
      test: ["CMD", "python", "-c", "import sys; sys.exit(0)"]
      interval: 30s
      timeout: 10s
      start_period: 20s
      retries: 3
`,
  Dockerfile: `ARG PYTHON_VERSION=3.11.8
FROM python:\${PYTHON_VERSION}-slim-bookworm

COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/

ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1 \\
    UV_LINK_MODE=copy

WORKDIR /app

COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --frozen --no-dev
ENV PATH="/app/.venv/bin:$PATH"

COPY . .

RUN mkdir -p /app/export /app/models /app/sessions

HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \\
    CMD python -c "import sys; sys.exit(0)" || exit 1

CMD ["python", "-m", "tobs"]
`,
};

/** A Dockerfile like tobs's with its Python version already in a global ARG. */
export const ARG_DOCKERFILE = lines('ARG PYTHON_VERSION=3.11.8', 'FROM python:${PYTHON_VERSION}-slim-bookworm', 'CMD ["python", "-m", "app"]');

/** The lines compose/resource-limits adds to a service by default. */
export const LIMITS_BLOCK = [
  '    deploy:',
  '      resources:',
  '        limits:',
  '          cpus: "4"',
  '          memory: 8G',
  '        reservations:',
  '          cpus: "1"',
  '          memory: 2G',
];

/** The lines compose/healthcheck adds to a service by default. */
export const HEALTHCHECK_BLOCK = [
  '    healthcheck:',
  '      test: ["CMD", "python", "-c", "import sys; sys.exit(0)"]',
  '      interval: 30s',
  '      timeout: 10s',
  '      start_period: 20s',
  '      retries: 3',
];
