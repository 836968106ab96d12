import rule from '../../../src/lint/rules/dockerfile/go-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'go install against a bind-mounted go.mod/go.sum, or after COPY go.mod: go.mod pins the version',
      code: 'FROM golang:1.24 AS tools\nWORKDIR /app\nRUN --mount=type=bind,source=go.mod,target=/app/go.mod --mount=type=bind,source=go.sum,target=/app/go.sum \\\n  go install tool github.com/x/protoc-gen-go-vtproto google.golang.org/grpc/cmd/protoc-gen-go-grpc\nFROM golang:1.24\nCOPY go.mod go.sum ./\nRUN go install github.com/x/tool\n',
    },
    'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3\n',
    {
      name: 'local packages',
      code: 'FROM golang:1.22\nRUN go install ./cmd/... && go install . && go install /src/app\n',
    },
    {
      name: 'go run of a pinned tool, then program arguments',
      code: 'FROM golang:1.22\nRUN go run example.com/gen@v1.2.3 -out x foobar\n',
    },
    { name: 'go run of local files', code: 'FROM golang:1.22\nRUN go run main.go util.go\n' },
    { name: 'tools pinned by go.mod', code: 'FROM golang:1.22\nRUN go install tool\n' },
    {
      name: 'version from an ARG',
      code: 'FROM golang:1.22\nARG LINT_VERSION=v1.57.2\nRUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@${LINT_VERSION}\n',
    },
    {
      name: 'value flags',
      code: 'FROM golang:1.22\nRUN go install -ldflags "-s -w" example.com/tool@v1.0.0\n',
    },
    { name: 'go build is not an install', code: 'FROM golang:1.22\nRUN go build -o /app ./cmd/app\n' },
  ],
  invalid: [
    {
      name: 'with a go.mod, @latest still floats; a go.mod in another stage does not count',
      code: 'FROM golang:1.24 AS a\nCOPY go.mod ./\nRUN go install github.com/x/tool@latest\nFROM golang:1.24\nRUN go install github.com/x/other\n',
      errors: [{ line: 3 }, { line: 5 }],
    },
    {
      code: 'FROM golang:1.22\nRUN go install example.com/pkg\n',
      errors: [
        { line: 2, column: 16, message: '`go install` does not pin `example.com/pkg`', aliases: ['DL3062'] },
      ],
    },
    {
      name: '@latest is not a version',
      code: 'FROM golang:1.22\nRUN go install example.com/pkg@latest\n',
      errors: [{ line: 2, column: 16, message: '`example.com/pkg@latest`' }],
    },
    {
      name: 'go get -tool',
      code: 'FROM golang:1.22\nRUN go get -tool example.com/gen\n',
      errors: [{ line: 2, column: 18, message: '`go get`' }],
    },
    {
      name: 'go run',
      code: 'FROM golang:1.22\nRUN go run example.com/gen@latest -out x\n',
      errors: [{ line: 2, column: 12, message: '`go run`' }],
    },
    {
      name: 'ONBUILD, continuation',
      code: 'FROM golang:1.22\nONBUILD RUN go install \\\n    example.com/pkg\n',
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'version from an ARG without a value',
      code: 'FROM golang:1.22\nARG V\nRUN go install example.com/pkg@$V\n',
      errors: [{ line: 3, column: 16, message: '`V`, which is declared without a value' }],
    },
  ],
});
