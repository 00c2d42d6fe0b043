export const HELP = `Usage: cgo-lens <command> [options]

Warns where the CGO_ENABLED choice breaks a Go build or stops a container from starting.

Commands:
  check [PATH ...]   Check Dockerfiles, Makefiles, shell build scripts, GoReleaser and Taskfile configs,
                     GitHub workflows and go.mod under each PATH (default: the current directory).
                     Extensionless files are checked as shell scripts when they start with a shell
                     shebang. node_modules, vendor and hidden directories other than .github are skipped.
  rules              List the rules with their default severity.
  explain CGOxxx     Show a rule's documentation.

Options for check:
  --format FORMAT            text (default), json, sarif or github (workflow annotations)
  --config FILE              Configuration file (default: .cgo-lens.yaml in the current directory, if any)
  --failure-threshold LEVEL  Exit with 1 when a finding is at or above LEVEL:
                             error (default), warning, information, hint, or none (never)
  --explain                  After each finding, explain the rule (text format)
  --no-color                 No colours (also when NO_COLOR is set or the output is not a terminal)

  -h, --help                 Show this help
  -V, --version              Show the version

Exit status: 0 no finding at or above the threshold, 1 findings at or above it,
             2 usage, configuration or I/O error.
`;
