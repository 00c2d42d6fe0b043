import { describe, expect, it } from 'vitest';
import { readDockerfile } from '../../../server/src/readers/dockerfile/reader';
import { dockerWorkingDirs } from '../../../server/src/workspace/index/dockerContext';
import { initShellParser } from '../../../server/src/shell/parser';
import { codes, findingsWith, GO, lines, memIndex, ROOT } from './harness';
import { beforeAll } from 'vitest';

beforeAll(async () => {
  await initShellParser();
});

function cwdOf(text: string, n = 0) {
  const plan = readDockerfile(`${ROOT}/Dockerfile`, text, { images: {} });
  const inv = plan.invocations[n];
  return dockerWorkingDirs(plan, text).get(inv.id);
}

describe('Dockerfile working directory → build context', () => {
  it.each<[string, string, string | undefined, boolean]>([
    ['WORKDIR /src + COPY . .', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'), '', false],
    ['COPY . /src then WORKDIR /src/cmd/api', lines('FROM golang:1.22', 'COPY . /src', 'WORKDIR /src/cmd/api', 'RUN go build -o /app .'), 'cmd/api', false],
    ['COPY cmd/ ./cmd/ (relative destination)', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY go.mod ./', 'COPY cmd/ ./cmd/', 'WORKDIR /src/cmd', 'RUN go build -o /app .'), 'cmd', false],
    ['COPY src/ /app/ maps /app to src', lines('FROM golang:1.22', 'WORKDIR /app', 'COPY src/ /app/', 'RUN go build -o /bin/app .'), 'src', false],
    ['cd in the same RUN', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN cd cmd/api && go build -o /app .'), 'cmd/api', false],
    ['go build -C dir', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -C cmd/api -o /app .'), 'cmd/api', false],
    ['RUN --mount=type=bind', lines('FROM golang:1.22', 'WORKDIR /src', 'RUN --mount=type=bind,target=/src go build -o /app .'), '', false],
    ['WORKDIR from ENV', lines('FROM golang:1.22', 'ENV APP=/srv/app', 'WORKDIR $APP', 'COPY . .', 'RUN go build -o /app .'), '', false],
    ['inherited through FROM <stage>', lines('FROM golang:1.22 AS src', 'WORKDIR /src', 'COPY . .', 'FROM src AS build', 'WORKDIR /src/cmd/x', 'RUN go build -o /app .'), 'cmd/x', false],
    ['no COPY at all: the context root is assumed', lines('FROM golang:1.22', 'RUN go build -o /app .'), '', true],
    ['cd to a variable: unknown', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN cd "$DIR" && go build -o /app .'), undefined, true],
  ])('%s', (_d, text, contextPath, assumed) => {
    const cwd = cwdOf(text);
    expect(cwd?.contextPath).toBe(contextPath);
    expect(cwd?.assumed).toBe(assumed);
  });
});

describe('Dockerfile working directory through the service', () => {
  const FILES = {
    'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'),
    'cmd/api/main.go': GO.main(['_ "github.com/mattn/go-sqlite3"']),
    'cmd/tool/main.go': GO.main(['"fmt"']),
  };

  it('a Dockerfile in a subdirectory built with the repository as context (docker build -f deploy/Dockerfile .)', async () => {
    const index = memIndex(FILES);
    const text = lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /app ./cmd/api');
    expect(codes(await findingsWith(index, text, `${ROOT}/deploy/Dockerfile`), 'CGO301')).toHaveLength(1);
  });

  it('the package the build names decides: ./cmd/tool does not import the module', async () => {
    const index = memIndex(FILES);
    const text = lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /app ./cmd/tool');
    expect(codes(await findingsWith(index, text), 'CGO301')).toEqual([]);
  });

  it('cd into the package', async () => {
    const index = memIndex(FILES);
    const text = lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN cd cmd/api && CGO_ENABLED=0 go build -o /app');
    expect(codes(await findingsWith(index, text), 'CGO301')).toHaveLength(1);
  });
});
