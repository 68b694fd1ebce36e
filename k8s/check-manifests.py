#!/usr/bin/env python3
"""Consistency checks on a rendered Nautilus overlay (kubectl kustomize output), without a cluster.

kubectl kustomize proves the overlays build; it does not prove that the objects fit together. This checks the
references between them and the design rules the manifests rely on, e.g. that the headless Service the Ignite
IP finder reads is the one named in nautilus.grid.cfg, that the RoleBinding's subject is the pods' account in
the pods' namespace, that every ${env:X} in a mounted .cfg is set on the container, that the JVM heap, Ignite's
data region and its checkpoint buffer fit in the memory limit, that a PodDisruptionBudget can be satisfied.
It does not validate fields against the Kubernetes OpenAPI schemas (no schemas offline here).

    kubectl kustomize k8s/overlays/production | python3 k8s/check-manifests.py [--repo DIR] [--name NAME]

Exit status 1 with one line per problem; 0 with a summary.
"""
import argparse
import json
import os
import re
import sys

import yaml

API_VERSIONS = {
    "Namespace": "v1", "ServiceAccount": "v1", "Service": "v1", "ConfigMap": "v1",
    "Role": "rbac.authorization.k8s.io/v1", "RoleBinding": "rbac.authorization.k8s.io/v1",
    "StatefulSet": "apps/v1", "PodDisruptionBudget": "policy/v1",
    "NetworkPolicy": "networking.k8s.io/v1", "Ingress": "networking.k8s.io/v1",
    "StorageClass": "storage.k8s.io/v1",
}
CLUSTER_SCOPED = {"Namespace", "StorageClass"}
KARAF_HOME = "/opt/nautilus"  # ENV KARAF_HOME of karaf-distribution/src/main/docker/Dockerfile


class Checker:
    def __init__(self, docs, repo, name):
        self.docs = docs
        self.repo = repo
        self.name = name
        self.problems = []

    def problem(self, text):
        self.problems.append(text)

    def of_kind(self, kind):
        return [d for d in self.docs if d.get("kind") == kind]

    def find(self, kind, name, namespace=None):
        for d in self.of_kind(kind):
            md = d["metadata"]
            if md.get("name") == name and (namespace is None or md.get("namespace") == namespace):
                return d
        return None

    # --- every object -----------------------------------------------------------------------------------------
    def check_objects(self):
        seen = set()
        namespaces = set()
        for d in self.docs:
            kind, md = d.get("kind"), d.get("metadata") or {}
            name = md.get("name")
            if not kind or not name:
                self.problem(f"object without kind or metadata.name: {d!r:.80}")
                continue
            expected = API_VERSIONS.get(kind)
            if expected is None:
                self.problem(f"{kind}/{name}: kind not known to this check (add it to API_VERSIONS)")
            elif d.get("apiVersion") != expected:
                self.problem(f"{kind}/{name}: apiVersion {d.get('apiVersion')}, expected {expected}")
            key = (kind, md.get("namespace"), name)
            if key in seen:
                self.problem(f"{kind}/{name}: defined twice")
            seen.add(key)
            if kind in CLUSTER_SCOPED:
                if md.get("namespace"):
                    self.problem(f"{kind}/{name}: cluster-scoped but has a namespace")
            elif not md.get("namespace"):
                self.problem(f"{kind}/{name}: no namespace")
            else:
                namespaces.add(md["namespace"])
        if len(namespaces) != 1:
            self.problem(f"objects spread over namespaces {sorted(namespaces)}; expected one")
        for ns in namespaces:
            if not self.find("Namespace", ns):
                self.problem(f"namespace {ns} is used but no Namespace object creates it")
        return next(iter(namespaces), None)

    # --- the StatefulSet and what it references ----------------------------------------------------------------
    def check_statefulset(self, ns):
        sets = self.of_kind("StatefulSet")
        if len(sets) != 1:
            self.problem(f"expected one StatefulSet, found {len(sets)}")
            return None
        sts = sets[0]
        name = sts["metadata"]["name"]
        spec = sts["spec"]
        pod = spec["template"]["spec"]
        labels = spec["template"]["metadata"].get("labels", {})
        if not matches(spec["selector"].get("matchLabels", {}), labels):
            self.problem(f"StatefulSet/{name}: selector does not match the pod template labels")
        governing = self.find("Service", spec.get("serviceName"), ns)
        if governing is None:
            self.problem(f"StatefulSet/{name}: serviceName {spec.get('serviceName')} is not a Service here")
        elif governing["spec"].get("clusterIP") != "None":
            self.problem(f"StatefulSet/{name}: governing Service {spec['serviceName']} is not headless")
        sa = pod.get("serviceAccountName", "default")
        if not self.find("ServiceAccount", sa, ns):
            self.problem(f"StatefulSet/{name}: serviceAccountName {sa} does not exist")
        if spec.get("podManagementPolicy") != "Parallel":
            self.problem(f"StatefulSet/{name}: podManagementPolicy must be Parallel (a full restart of a "
                         "persistent Ignite cluster deadlocks with OrderedReady)")
        if pod.get("enableServiceLinks", True):
            self.problem(f"StatefulSet/{name}: enableServiceLinks must be false (Service env vars collide with "
                         "Karaf's <PID>_<KEY> configuration overrides)")

        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        claims = {c["metadata"]["name"]: c for c in spec.get("volumeClaimTemplates", [])}
        for v in volumes.values():
            sources = []
            if "configMap" in v:
                sources.append(v["configMap"])
            for s in v.get("projected", {}).get("sources", []):
                if "configMap" in s:
                    sources.append(s["configMap"])
            files = {}
            for s in sources:
                cm = self.find("ConfigMap", s["name"], ns)
                if cm is None:
                    self.problem(f"StatefulSet/{name}: volume {v['name']} references missing ConfigMap {s['name']}")
                    continue
                for f in cm.get("data", {}):
                    if f in files:
                        self.problem(f"volume {v['name']}: {f} in both {files[f]} and {s['name']}")
                    files[f] = s["name"]
        replicas = spec.get("replicas", 1)
        for c in pod["containers"]:
            self.check_container(name, c, volumes, claims, pod)
        self.check_pod_security(name, pod, ns)
        return sts, replicas

    def check_container(self, sts, c, volumes, claims, pod):
        where = f"StatefulSet/{sts} container {c['name']}"
        image = c.get("image", "")
        if not image or image.endswith(":latest") or ":" not in image.rsplit("/", 1)[-1]:
            self.problem(f"{where}: image {image!r} has no pinned tag")
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        if len(ports) != len(c.get("ports", [])):
            self.problem(f"{where}: container ports without unique names")
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            p = c.get(probe)
            if p is None:
                self.problem(f"{where}: no {probe}")
                continue
            handlers = [h for h in ("httpGet", "tcpSocket", "exec", "grpc") if h in p]
            if len(handlers) != 1:
                self.problem(f"{where}: {probe} has {len(handlers)} handlers {handlers}")
            port = (p.get("httpGet") or p.get("tcpSocket") or {}).get("port")
            if isinstance(port, str) and port not in ports:
                self.problem(f"{where}: {probe} uses port {port!r}, not a container port")
        for m in c.get("volumeMounts", []):
            if m["name"] not in volumes and m["name"] not in claims:
                self.problem(f"{where}: volumeMount {m['name']} has no volume or volumeClaimTemplate")
        res = c.get("resources", {})
        req, lim = res.get("requests", {}), res.get("limits", {})
        if "memory" not in lim or quantity(lim["memory"]) != quantity(req.get("memory", "0")):
            self.problem(f"{where}: memory request must equal the memory limit (an OOM kill is a node lost)")
        self.env = {e["name"]: e for e in c.get("env", [])}
        self.container = c
        self.ports = ports

    def check_pod_security(self, sts, pod, ns):
        nso = self.find("Namespace", ns)
        if not nso or nso["metadata"].get("labels", {}).get("pod-security.kubernetes.io/enforce") != "restricted":
            self.problem(f"Namespace {ns}: not labelled pod-security.kubernetes.io/enforce=restricted")
        psc = pod.get("securityContext", {})
        for c in pod["containers"] + pod.get("initContainers", []):
            sc = c.get("securityContext", {})
            where = f"StatefulSet/{sts} container {c['name']}"
            if sc.get("readOnlyRootFilesystem") is not True:
                self.problem(f"{where}: readOnlyRootFilesystem must be true (writable volumes only where needed)")
            if not (sc.get("runAsNonRoot") or psc.get("runAsNonRoot")):
                self.problem(f"{where}: runAsNonRoot not set (Pod Security restricted)")
            if sc.get("allowPrivilegeEscalation") is not False:
                self.problem(f"{where}: allowPrivilegeEscalation must be false (restricted)")
            if "ALL" not in sc.get("capabilities", {}).get("drop", []):
                self.problem(f"{where}: capabilities must drop ALL (restricted)")
            seccomp = (sc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type")
            if seccomp not in ("RuntimeDefault", "Localhost"):
                self.problem(f"{where}: seccompProfile RuntimeDefault required (restricted)")

    # --- Services, budget, policies, RBAC, ingress -------------------------------------------------------------
    def check_services(self, ns, sts):
        labels = sts["spec"]["template"]["metadata"].get("labels", {})
        for svc in self.of_kind("Service"):
            name = svc["metadata"]["name"]
            if not matches(svc["spec"].get("selector", {}), labels):
                self.problem(f"Service/{name}: selector matches no Nautilus pod")
            for p in svc["spec"].get("ports", []):
                target = p.get("targetPort", p["port"])
                if isinstance(target, str) and target not in self.ports:
                    self.problem(f"Service/{name}: targetPort {target!r} is not a container port")
                if isinstance(target, int) and target not in self.ports.values():
                    self.problem(f"Service/{name}: targetPort {target} is not a container port")

    def check_budget(self, sts, replicas):
        pdbs = self.of_kind("PodDisruptionBudget")
        labels = sts["spec"]["template"]["metadata"].get("labels", {})
        for pdb in pdbs:
            name, spec = pdb["metadata"]["name"], pdb["spec"]
            if not matches(spec["selector"].get("matchLabels", {}), labels):
                self.problem(f"PodDisruptionBudget/{name}: selector matches no Nautilus pod")
            if "minAvailable" in spec and int(spec["minAvailable"]) >= replicas:
                self.problem(f"PodDisruptionBudget/{name}: minAvailable {spec['minAvailable']} with {replicas} "
                             "replica(s) blocks every drain")
            if "maxUnavailable" in spec and int(spec["maxUnavailable"]) != 1:
                self.problem(f"PodDisruptionBudget/{name}: maxUnavailable must be 1 (cache.backups = 1)")
        if replicas > 1 and not pdbs:
            self.problem(f"{replicas} replicas without a PodDisruptionBudget")

    def check_network_policies(self, sts):
        labels = sts["spec"]["template"]["metadata"].get("labels", {})
        allowed = set()
        for np_ in self.of_kind("NetworkPolicy"):
            name = np_["metadata"]["name"]
            if not matches(np_["spec"]["podSelector"].get("matchLabels", {}), labels):
                self.problem(f"NetworkPolicy/{name}: podSelector matches no Nautilus pod")
            for rule in np_["spec"].get("ingress", []):
                if not rule.get("ports"):
                    self.problem(f"NetworkPolicy/{name}: an ingress rule allows every port")
                for p in rule.get("ports", []):
                    port = p.get("port")
                    if isinstance(port, str):
                        port = self.ports.get(port)
                    if port not in self.ports.values():
                        self.problem(f"NetworkPolicy/{name}: port {p.get('port')} is not a container port")
                    allowed.add(port)
        if not self.of_kind("NetworkPolicy"):
            self.problem("no NetworkPolicy selects the Nautilus pods")
        missing = set(self.ports.values()) - allowed
        if missing:
            self.problem(f"container ports {sorted(missing)} are not reachable through any NetworkPolicy rule")

    def check_rbac(self, ns, sts):
        sa = sts["spec"]["template"]["spec"].get("serviceAccountName", "default")
        bound = False
        for rb in self.of_kind("RoleBinding"):
            name = rb["metadata"]["name"]
            role = self.find(rb["roleRef"]["kind"], rb["roleRef"]["name"], ns)
            if role is None:
                self.problem(f"RoleBinding/{name}: roleRef {rb['roleRef']['name']} does not exist")
            for s in rb.get("subjects", []):
                if s["kind"] == "ServiceAccount":
                    if s.get("namespace") != ns:
                        self.problem(f"RoleBinding/{name}: subject {s['name']} in namespace {s.get('namespace')}, "
                                     f"the pods run in {ns}")
                    if s["name"] == sa and s.get("namespace") == ns and role is not None:
                        bound = bound or grants(role, "endpoints", "get") and grants(role, "endpoints", "list")
        if not bound:
            self.problem(f"ServiceAccount {sa} may not get/list endpoints: Ignite's Kubernetes IP finder fails")

    def check_ingress(self, ns):
        for ing in self.of_kind("Ingress"):
            self.check_alb(ing)
            for rule in ing["spec"].get("rules", []):
                for path in rule.get("http", {}).get("paths", []):
                    svc = path["backend"]["service"]
                    target = self.find("Service", svc["name"], ns)
                    if target is None:
                        self.problem(f"Ingress/{ing['metadata']['name']}: backend Service {svc['name']} missing")
                        continue
                    names = {p.get("name") for p in target["spec"]["ports"]}
                    numbers = {p["port"] for p in target["spec"]["ports"]}
                    port = svc["port"]
                    if port.get("name") not in names and port.get("number") not in numbers:
                        self.problem(f"Ingress/{ing['metadata']['name']}: port {port} not on Service {svc['name']}")

    def check_alb(self, ing):
        """An Ingress is for the AWS Load Balancer Controller (ingress-nginx is retired): class alb, TLS from an ACM
        certificate on an HTTPS-only listener, HTTPS to the pods (they serve TLS only) and the readiness path as the
        target group's health check, so a node that cannot serve leaves the load balancer."""
        name = f"Ingress/{ing['metadata']['name']}"
        notes = ing["metadata"].get("annotations", {}) or {}
        if ing["spec"].get("ingressClassName") != "alb":
            self.problem(f"{name}: ingressClassName {ing['spec'].get('ingressClassName')!r}, not 'alb' (the AWS Load "
                         "Balancer Controller; ingress-nginx is retired)")
        if any(k.startswith("nginx.ingress.kubernetes.io/") for k in notes):
            self.problem(f"{name}: ingress-nginx annotations left over")
        a = "alb.ingress.kubernetes.io/"
        if not re.fullmatch(r"arn:aws:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]+", notes.get(a + "certificate-arn", "")):
            self.problem(f"{name}: no ACM certificate ARN in {a}certificate-arn (terraform output api_certificate_arn)")
        try:
            listeners = json.loads(notes.get(a + "listen-ports", "[]"))
        except ValueError:
            listeners = None
        if listeners != [{"HTTPS": 443}]:
            self.problem(f"{name}: {a}listen-ports must be HTTPS 443 only, got {notes.get(a + 'listen-ports')!r}")
        for key in ("backend-protocol", "healthcheck-protocol"):
            if notes.get(a + key) != "HTTPS":
                self.problem(f"{name}: {a}{key} must be HTTPS (the pods serve TLS only on 8181)")
        if notes.get(a + "healthcheck-path") != "/health/ready":
            self.problem(f"{name}: {a}healthcheck-path must be /health/ready (readiness), got "
                         f"{notes.get(a + 'healthcheck-path')!r}")
        if notes.get(a + "target-type") != "ip":
            self.problem(f"{name}: {a}target-type must be ip (the NetworkPolicy lets the VPC reach the pods)")

    # --- the Nautilus configuration in the ConfigMaps ----------------------------------------------------------
    def check_grid_config(self, ns, sts, replicas):
        pod = sts["spec"]["template"]["spec"]
        mount = next((m for m in self.container.get("volumeMounts", []) if m["mountPath"] == KARAF_HOME + "/etc-overlay"), None)
        if mount is None:
            self.problem(f"no volume mounted at {KARAF_HOME}/etc-overlay (the directory the image's overlay "
                         "FileInstall watcher reads)")
            return
        if not mount.get("readOnly"):
            self.problem("etc-overlay mount is not readOnly")
        if "subPath" in mount:
            self.problem("etc-overlay mounted with subPath: the kubelet would not update it")
        if "-Dfelix.fileinstall.enableConfigSave=false" not in self.env.get("EXTRA_JAVA_OPTS", {}).get("value", ""):
            self.problem("EXTRA_JAVA_OPTS lacks -Dfelix.fileinstall.enableConfigSave=false (read-only etc-overlay)")
        volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
        cfgs = {}
        for s in volume.get("projected", {}).get("sources", []) + ([{"configMap": volume["configMap"]}] if "configMap" in volume else []):
            cm = self.find("ConfigMap", s["configMap"]["name"], ns) if "configMap" in s else None
            for f, text in (cm or {}).get("data", {}).items():
                cfgs[f] = text
        for f, text in cfgs.items():
            if not f.endswith(".cfg"):
                self.problem(f"etc-overlay/{f}: only .cfg files are read there")
            for var in re.findall(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)", text):
                if var not in self.env:
                    self.problem(f"etc-overlay/{f} uses ${{env:{var}}}, not set on the container")
        self.check_against_distribution(cfgs)
        self.check_http_port(ns, cfgs)
        grid_text = cfgs.get("nautilus.grid.cfg")
        if grid_text is None:
            self.problem("no nautilus.grid.cfg in the mounted ConfigMaps")
            return
        grid = parse_properties(grid_text)
        known = grid_keys(self.repo)
        if known:
            for key in grid:
                if key not in known:
                    self.problem(f"nautilus.grid.cfg: key {key} is not read by the grid bundle (GridConfig)")
        if grid.get("discovery.mode") != "kubernetes":
            self.problem("nautilus.grid.cfg: discovery.mode is not kubernetes")
        headless = self.find("Service", grid.get("kubernetes.service.name"), ns)
        if headless is None or headless["spec"].get("clusterIP") != "None":
            self.problem(f"nautilus.grid.cfg: kubernetes.service.name {grid.get('kubernetes.service.name')} is "
                         "not a headless Service here")
        elif not headless["spec"].get("publishNotReadyAddresses"):
            self.problem(f"Service/{headless['metadata']['name']}: publishNotReadyAddresses must be true "
                         "(a node joins before it is ready)")
        if grid.get("kubernetes.namespace") not in (ns, "${env:POD_NAMESPACE}"):
            self.problem(f"nautilus.grid.cfg: kubernetes.namespace {grid.get('kubernetes.namespace')} is not {ns}")
        if grid.get("consistent.id") != "${env:POD_NAME}":
            self.problem("nautilus.grid.cfg: consistent.id must be ${env:POD_NAME} (stable with the pod's volume)")
        for key, port_name in (("discovery.port", "discovery"), ("communication.port", "communication")):
            value = int(grid.get(key, "0"))
            if self.ports.get(port_name) != value:
                self.problem(f"nautilus.grid.cfg: {key} {value} is not container port {port_name} "
                             f"({self.ports.get(port_name)})")
            if headless is not None and value not in {p["port"] for p in headless["spec"]["ports"]}:
                self.problem(f"nautilus.grid.cfg: {key} {value} is not a port of the headless Service")
        if grid.get("discovery.port.range", "0") != "0":
            self.problem("nautilus.grid.cfg: discovery.port.range must be 0 (policies and Services name one port)")
        backups = int(grid.get("cache.backups", "0"))
        if backups >= max(replicas, 1) or (replicas > 1 and backups < 1):
            self.problem(f"nautilus.grid.cfg: cache.backups {backups} does not fit {replicas} replica(s)")
        work = grid.get("work.directory", "")
        data_mounts = [m["mountPath"] for m in self.container.get("volumeMounts", [])
                       if m["name"] in {c["metadata"]["name"] for c in sts["spec"].get("volumeClaimTemplates", [])}]
        if not any(work == m or work.startswith(m.rstrip("/") + "/") for m in data_mounts):
            self.problem(f"nautilus.grid.cfg: work.directory {work!r} is not on a PersistentVolume ({data_mounts})")
        if grid.get("persistence.enabled", "true") != "true":
            self.problem("nautilus.grid.cfg: persistence.enabled is not true")
        self.check_memory_budget(grid)
        self.check_ignite_operations(sts, replicas, grid)

    def check_against_distribution(self, cfgs):
        """A mounted .cfg replaces the distribution's etc/ file of that PID (the entrypoint copies it over):
        the PID must exist there, its keys must be ones that file knows (set or commented), and it must keep
        every key that file sets, or the bundle silently falls back to its built-in defaults."""
        etc = os.path.join(self.repo, "karaf-distribution/src/main/resources/etc")
        if not os.path.isdir(etc):
            return
        for f, text in cfgs.items():
            path = os.path.join(etc, f)
            if not os.path.exists(path):
                self.problem(f"etc-overlay/{f}: the distribution has no etc/{f} (PID renamed or misspelt?)")
                continue
            with open(path, encoding="utf-8") as fh:
                dist_text = fh.read()
            dist_set = parse_properties(dist_text)
            dist_known = set(dist_set) | set(re.findall(r"^\s*#\s*([\w.-]+)\s*[=:]", dist_text, re.M))
            ours = parse_properties(text)
            for key in sorted(set(ours) - dist_known):
                if f != "nautilus.grid.cfg":  # the grid's keys are checked against GridConfig itself
                    self.problem(f"etc-overlay/{f}: key {key} appears nowhere in the distribution's etc/{f}")
            for key in sorted(set(dist_set) - set(ours)):
                self.problem(f"etc-overlay/{f}: drops key {key} (= {dist_set[key]}) that the distribution's "
                             f"etc/{f} sets; the mounted file replaces it entirely")

    def check_http_port(self, ns, cfgs):
        """The probes and the Ingress must reach the port Pax Web really listens on (org.osgi.service.http.port of
        the distribution's etc/org.ops4j.pax.web.cfg, or of the mounted overlay's copy), and the probes must ask
        paths the REST bundle serves (the paths of its OpenAPI document)."""
        dist = os.path.join(self.repo, "karaf-distribution/src/main/resources/etc/org.ops4j.pax.web.cfg")
        if not os.path.exists(dist):
            self.problem("the distribution has no etc/org.ops4j.pax.web.cfg: nothing is known to serve HTTP")
            return
        with open(dist, encoding="utf-8") as fh:
            props = parse_properties(fh.read())
        if "org.ops4j.pax.web.cfg" in cfgs:
            props.update(parse_properties(cfgs["org.ops4j.pax.web.cfg"]))
        # HTTPS when the secure connector is on (the distribution's default: TLS only), else plain HTTP.
        if props.get("org.osgi.service.http.secure.enabled", "false").strip() == "true":
            served = int(props.get("org.osgi.service.http.port.secure", "8443").strip())
            scheme, key = "HTTPS", "org.osgi.service.http.port.secure"
        elif props.get("org.osgi.service.http.enabled", "true").strip() == "true":
            served = int(props.get("org.osgi.service.http.port", "8080").strip())
            scheme, key = "HTTP", "org.osgi.service.http.port"
        else:
            self.problem("org.ops4j.pax.web.cfg: neither HTTP nor HTTPS is enabled: no port is served")
            return
        openapi = os.path.join(self.repo, "bundles/rest/src/main/resources/api/openapi.json")
        paths = set()
        if os.path.exists(openapi):
            with open(openapi, encoding="utf-8") as fh:
                paths = set(json.load(fh)["paths"])
        else:
            self.problem("bundles/rest has no api/openapi.json: probe paths cannot be checked")

        def container_port(port):
            return self.ports.get(port) if isinstance(port, str) else port

        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            http = (self.container.get(probe) or {}).get("httpGet")
            if http is None:
                self.problem(f"{probe}: not an httpGet probe on the HTTP port {served}")
                continue
            if container_port(http.get("port")) != served:
                self.problem(f"{probe}: port {http.get('port')} is not the served HTTP port {served} "
                             f"({key} in etc/org.ops4j.pax.web.cfg)")
            if http.get("scheme", "HTTP").upper() != scheme:
                self.problem(f"{probe}: scheme {http.get('scheme', 'HTTP')} but the port serves {scheme} "
                             "(etc/org.ops4j.pax.web.cfg)")
            if paths and http.get("path") not in paths:
                self.problem(f"{probe}: path {http.get('path')} is not served (not in the REST bundle's OpenAPI paths)")
        for ing in self.of_kind("Ingress"):
            for rule in ing["spec"].get("rules", []):
                for path in rule.get("http", {}).get("paths", []):
                    backend = path["backend"]["service"]
                    svc = self.find("Service", backend["name"], ns)
                    if svc is None:
                        continue
                    wanted = backend["port"]
                    for sp in svc["spec"]["ports"]:
                        if sp.get("name") == wanted.get("name") or sp["port"] == wanted.get("number"):
                            target = container_port(sp.get("targetPort", sp["port"]))
                            if target != served:
                                self.problem(f"Ingress/{ing['metadata']['name']}: reaches container port {target}, "
                                             f"but the distribution serves HTTP on {served}")

    def check_memory_budget(self, grid):
        heap = jvm_size(self.env.get("NAUTILUS_HEAP_OPTS", {}).get("value", ""), "-Xmx")
        direct = jvm_size(self.env.get("NAUTILUS_JVM_OPTS", {}).get("value", ""), "-XX:MaxDirectMemorySize=")
        limit = quantity(self.container.get("resources", {}).get("limits", {}).get("memory", "0"))
        if heap is None:
            self.problem("NAUTILUS_HEAP_OPTS has no -Xmx: the heap would follow the container size")
            return
        if direct is None:
            self.problem("NAUTILUS_JVM_OPTS has no -XX:MaxDirectMemorySize: direct memory defaults to the heap size")
            direct = heap
        region = int(grid.get("data.region.max.size.mb", "256")) * 2**20
        # Ignite's default checkpoint page buffer: 256 MiB (or the region) below 1 GiB, a quarter up to 8 GiB, 2 GiB above.
        gib = 2**30
        checkpoint = min(region, 256 * 2**20) if region < gib else region // 4 if region <= 8 * gib else 2 * gib
        other = 768 * 2**20  # metaspace (Karaf, Camel, Ignite, Weka), code cache, thread stacks, WAL buffers, GC
        need = heap + direct + region + checkpoint + other
        if need > limit:
            self.problem(f"memory: heap {mib(heap)} + direct {mib(direct)} + data region {mib(region)} + checkpoint "
                         f"buffer {mib(checkpoint)} + ~{mib(other)} other = {mib(need)} > limit {mib(limit)}")
        self.budget = f"{mib(need)} of {mib(limit)}"

    # --- hardening and Ignite operations (issue 16) ---------------------------------------------------------------
    WRITABLE = {"data", "etc", "instances"}  # under KARAF_HOME, plus /tmp: what Karaf and the JVM write
    BOOTSTRAP = {"Namespace", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "StorageClass"}

    def check_writable_volumes(self, sts):
        pod = sts["spec"]["template"]["spec"]
        mounts = {m["mountPath"]: m for m in self.container.get("volumeMounts", [])}
        for d in sorted(self.WRITABLE):
            m = mounts.get(f"{KARAF_HOME}/{d}")
            if m is None or m.get("readOnly"):
                self.problem(f"read-only root filesystem: no writable volume at {KARAF_HOME}/{d}")
        if "/tmp" not in mounts:
            self.problem("read-only root filesystem: no writable volume at /tmp")
        etc = mounts.get(f"{KARAF_HOME}/etc")
        if etc is not None:
            seeded = any(m["name"] == etc["name"] for c in pod.get("initContainers", [])
                         for m in c.get("volumeMounts", []))
            if not seeded:
                self.problem(f"volume {etc['name']} at {KARAF_HOME}/etc is not seeded by an initContainer: it would "
                             "hide the image's etc/")

    def check_egress(self, sts):
        labels = sts["spec"]["template"]["metadata"].get("labels", {})
        policies = [p for p in self.of_kind("NetworkPolicy") if "Egress" in p["spec"].get("policyTypes", [])
                    and matches(p["spec"]["podSelector"].get("matchLabels", {}), labels)]
        if not policies:
            self.problem("no egress NetworkPolicy selects the Nautilus pods: egress is open")
            return
        dns = peers = False
        for pol in policies:
            name = pol["metadata"]["name"]
            for rule in pol["spec"].get("egress", []):
                ports = {(p.get("protocol", "TCP"), p.get("port")) for p in rule.get("ports", [])}
                if not ports:
                    self.problem(f"NetworkPolicy/{name}: an egress rule allows every port")
                for peer in rule.get("to", []) or [{}]:
                    cidr = peer.get("ipBlock", {}).get("cidr")
                    if not peer or (cidr in ("0.0.0.0/0", "::/0") and not peer["ipBlock"].get("except")
                                    and ports - {("TCP", 443), ("TCP", 6443)}):
                        self.problem(f"NetworkPolicy/{name}: egress to any address on {sorted(ports)}")
                    if peer.get("podSelector", {}).get("matchLabels", {}).get("k8s-app") == "kube-dns":
                        dns = dns or {("UDP", 53), ("TCP", 53)} <= ports
                    if matches(peer.get("podSelector", {}).get("matchLabels", {}), labels) and "namespaceSelector" not in peer:
                        peers = peers or {("TCP", self.ports.get("discovery")),
                                          ("TCP", self.ports.get("communication"))} <= ports
        if not dns:
            self.problem("egress: no rule allows DNS (kube-dns, UDP and TCP 53)")
        if not peers:
            self.problem("egress: no rule allows the grid peers on the discovery and communication ports")

    def check_bootstrap_labels(self):
        # The deploy workflow applies with -l 'nautilus.io/bootstrap!=true' under a namespace-scoped edit role.
        for d in self.docs:
            flagged = (d["metadata"].get("labels") or {}).get("nautilus.io/bootstrap") == "true"
            if d["kind"] in self.BOOTSTRAP and not flagged:
                self.problem(f"{d['kind']}/{d['metadata']['name']}: needs label nautilus.io/bootstrap=true (the deploy "
                             "workflow's namespace-scoped edit access cannot apply it)")
            if d["kind"] not in self.BOOTSTRAP and flagged:
                self.problem(f"{d['kind']}/{d['metadata']['name']}: labelled nautilus.io/bootstrap but the deploy "
                             "workflow must apply it")

    def check_ignite_operations(self, sts, replicas, grid):
        pod = sts["spec"]["template"]["spec"]
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grid.get("shutdown.policy", "graceful") == "graceful" and replicas > 1 and grace < 300:
            self.problem(f"terminationGracePeriodSeconds {grace} is too short for a graceful Ignite shutdown (the "
                         "wait for another copy, a checkpoint, the preStop): at least 300")
        zone = grid.get("zone", "")
        m = re.fullmatch(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}", zone)
        if m:
            ref = self.env.get(m.group(1), {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
            if ref != "metadata.labels['topology.kubernetes.io/zone']":
                self.problem(f"nautilus.grid.cfg: zone comes from {m.group(1)}, which is not the pod label "
                             "topology.kubernetes.io/zone (Downward API)")
        spread = [t for t in pod.get("topologySpreadConstraints", []) if t.get("topologyKey") == "topology.kubernetes.io/zone"
                  and t.get("whenUnsatisfiable") == "DoNotSchedule"]
        if spread and replicas > 1 and int(grid.get("cache.backups", "0")) > 0:
            if not zone or grid.get("zone.required") != "true":
                self.problem("pods are spread over zones but nautilus.grid.cfg lacks zone (+ zone.required = true): "
                             "backups could share their primary's zone")

    def run(self):
        ns = self.check_objects()
        found = self.check_statefulset(ns)
        if found:
            sts, replicas = found
            self.check_services(ns, sts)
            self.check_budget(sts, replicas)
            self.check_network_policies(sts)
            self.check_rbac(ns, sts)
            self.check_ingress(ns)
            self.check_grid_config(ns, sts, replicas)
            self.check_writable_volumes(sts)
            self.check_egress(sts)
            self.check_bootstrap_labels()
        if self.problems:
            for p in self.problems:
                print(f"{self.name}: {p}")
            return 1
        print(f"{self.name}: {len(self.docs)} objects consistent (namespace {ns}, {found[1]} replica(s), "
              f"memory budget {getattr(self, 'budget', '?')})")
        return 0


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def grants(role, resource, verb):
    return any(resource in r.get("resources", []) and verb in r.get("verbs", []) for r in role.get("rules", []))


def parse_properties(text):
    """Java .properties/.cfg lines: key = value (the first = or : ends the key); comments and blanks skipped."""
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"([^=:\s]+)\s*[=:]?\s*(.*)", line)
        props[m.group(1)] = m.group(2).strip()
    return props


def grid_keys(repo):
    """Keys of PID nautilus.grid, from the metatype methods of GridConfig.java (None if the file is absent)."""
    path = os.path.join(repo, "bundles/grid/src/main/java/org/nautilus/grid/internal/GridConfig.java")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        source = f.read()
    return {m.replace("_", ".") for m in re.findall(r"^\s*(?:String|int|long|boolean|double)\s+(\w+)\(\)", source, re.M)}


UNITS = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 10**3, "M": 10**6, "G": 10**9}


def quantity(q):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([A-Za-z]*)", str(q))
    if not m:
        raise ValueError(f"quantity {q!r}")
    return int(float(m.group(1)) * UNITS.get(m.group(2), 1))


def jvm_size(opts, flag):
    m = re.search(re.escape(flag) + r"(\d+)([kKmMgG]?)\b", opts)
    if not m:
        return None
    return int(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2).lower()]


def mib(n):
    return f"{n // 2**20} MiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="rendered manifests (default: stdin)")
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--name", default="manifests")
    args = parser.parse_args()
    text = open(args.file, encoding="utf-8").read() if args.file else sys.stdin.read()
    docs = [d for d in yaml.safe_load_all(text) if d]
    return Checker(docs, args.repo, args.name).run()


if __name__ == "__main__":
    sys.exit(main())
