// selftest.mjs: the offline validators catch what they are there for (run by k8s/validate.sh before trusting them).
// Each case is a small object or workflow with one seeded mistake; a validator that accepts it fails this script.
import { validateText } from "./validate-schemas.mjs";
import { lintWorkflow } from "./lint-workflows.mjs";

const container = (extra) => ({ name: "nautilus", image: "nautilus:1", ...extra });
const statefulSet = (c) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: nautilus}
spec:
  serviceName: nautilus-grid
  selector: {matchLabels: {app: nautilus}}
  template:
    metadata: {labels: {app: nautilus}}
    spec:
      containers: [${JSON.stringify(c)}]
`;
const workflow = (step) => `on: push
permissions: {contents: read}
jobs:
  test:
    runs-on: ubuntu-22.04
    steps:
      - run: echo ok
${step}`;

const cases = [
  ["schema: a valid StatefulSet passes", () => validateText(statefulSet(container({}))).problems, 0],
  ["schema: misspelt container field (imagePullPolicey)",
    () => validateText(statefulSet(container({ imagePullPolicey: "Always" }))).problems, 1, "imagePullPolicey"],
  ["schema: misspelt nested field (securityContext.readOnlyRootFileSystem)",
    () => validateText(statefulSet(container({ securityContext: { readOnlyRootFileSystem: true } }))).problems, 1,
    "readOnlyRootFileSystem"],
  ["schema: wrong type (containerPort as a string)",
    () => validateText(statefulSet(container({ ports: [{ containerPort: "8181" }] }))).problems, 1, "integer"],
  ["schema: unknown kind", () => validateText("apiVersion: v1\nkind: Podd\nmetadata: {name: x}\n").problems, 1,
    "no schema"],
  ["workflow: a valid workflow passes", async () => (await lintWorkflow(workflow(""), "ok.yml")).failures, 0],
  ["workflow: unknown context property", async () =>
    (await lintWorkflow(workflow("      - run: echo ${{ github.shaa }}\n"), "bad.yml")).failures, 1, "shaa"],
  ["workflow: unknown step key", async () =>
    (await lintWorkflow(workflow("      - rnu: echo typo\n"), "bad.yml")).failures, 1, "rnu"],
  ["workflow: vars context is ignored, counted", async () =>
    (await lintWorkflow(workflow("      - run: echo ${{ vars.X }}\n"), "vars.yml")).failures, 0],
];

let failed = 0;
for (const [name, run, minProblems, mention] of cases) {
  const problems = await run();
  const ok = minProblems === 0 ? problems.length === 0
    : problems.length >= minProblems && (!mention || problems.some((p) => p.includes(mention)));
  if (!ok) {
    failed++;
    console.log(`FAIL validator self-test: ${name}: got ${JSON.stringify(problems)}`);
  }
}
console.log(`validator self-test: ${cases.length - failed} of ${cases.length} cases behave`);
process.exit(failed ? 1 : 0);
