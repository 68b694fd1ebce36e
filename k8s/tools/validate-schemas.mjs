// validate-schemas.mjs FILE.yaml...: every object of rendered manifests (kubectl kustomize output) against the
// Kubernetes OpenAPI schemas shipped in npm's kubernetes-models (offline), plus a strict pass of our own: a field
// the schema does not define (a misspelt "imagePullPolicy", "readinessProbes") is an error. The schemas alone
// accept unknown fields (they carry no additionalProperties: false), so the strict pass records which properties
// the generated validator reads while it checks an object and reports any property of the object it never read.
//
// Exit status 1 with one line per problem; 0 with a summary per file. Needs: npm ci in this directory.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const models = dirname(require.resolve("kubernetes-models/package.json"));
const yaml = require("yaml");

/** apps/v1 StatefulSet -> kubernetes-models/_schemas/IoK8sApiAppsV1StatefulSet.js (core: IoK8sApiCoreV1...). */
function schemaFile(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const name = `IoK8sApi${cap(group.split(".")[0])}${cap(version)}${kind}`;
  return join(models, "_schemas", `${name}.js`);
}

/** Wraps obj so that every own property read by the validator is recorded in seen (as a JSON pointer). */
function track(obj, path, seen) {
  if (obj === null || typeof obj !== "object") return obj;
  return new Proxy(obj, {
    get(target, key, receiver) {
      if (typeof key === "string" && Object.prototype.hasOwnProperty.call(target, key)) {
        seen.add(`${path}/${key}`);
        return track(target[key], `${path}/${key}`, seen);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

function unread(obj, path, seen, out) {
  if (obj === null || typeof obj !== "object") return;
  for (const key of Object.keys(obj)) {
    const p = `${path}/${key}`;
    if (!seen.has(p)) out.push(p);
    else unread(obj[key], p, seen, out);
  }
}

export function validateObject(doc) {
  const where = `${doc?.kind ?? "?"}/${doc?.metadata?.name ?? "?"}`;
  if (!doc || typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") {
    return [`${where}: no apiVersion or kind`];
  }
  const file = schemaFile(doc.apiVersion, doc.kind);
  if (!existsSync(file)) return [`${where}: no schema for ${doc.apiVersion} ${doc.kind} in kubernetes-models`];
  const { validate } = require(file);
  const seen = new Set();
  if (!validate(track(doc, "", seen))) {
    return validate.errors.map((e) =>
      `${where}: ${e.instancePath || "/"} ${e.message ?? `fails ${e.keyword} ${JSON.stringify(e.params)}`}`);
  }
  const unknown = [];
  unread(doc, "", seen, unknown);
  return unknown.map((p) => `${where}: ${p} is not a field of ${doc.apiVersion} ${doc.kind} (misspelt?)`);
}

export function validateText(text) {
  const problems = [];
  let count = 0;
  for (const doc of yaml.parseAllDocuments(text)) {
    if (doc.errors.length) {
      problems.push(`YAML: ${doc.errors[0].message}`);
      continue;
    }
    const obj = doc.toJSON();
    if (obj == null) continue;
    count++;
    problems.push(...validateObject(obj));
  }
  return { count, problems };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const { count, problems } = validateText(readFileSync(file, "utf8"));
    if (problems.length) {
      failed = true;
      for (const p of problems) console.log(`${file}: ${p}`);
    } else {
      console.log(`${file}: ${count} objects valid against the Kubernetes schemas (strict: no unknown fields)`);
    }
  }
  process.exit(failed ? 1 : 0);
}
