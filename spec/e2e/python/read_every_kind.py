"""Lists every kind it is given with the official Python client's typed API, as a user would.

Reads a JSON array of {group, version, kind, namespaced} on stdin; uses the kubeconfig in
$KUBECONFIG; prints a JSON object {"group/version/Kind": {"status": "ok"|"unsupported"|"error",
"count": n, "error": text}} on stdout. "unsupported" means this client has no typed API for the
kind (it predates it); "error" is anything the client raised, validation errors included.
"""
import json
import re
import sys

from kubernetes import client, config


def api_class_name(group, version):
    if group == "":
        prefix = "Core"
    else:
        parts = group.replace(".k8s.io", "").split(".")
        prefix = "".join(p[:1].upper() + p[1:] for p in parts)
    return f"{prefix}{version[:1].upper()}{version[1:]}Api"


def snake(kind):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind).lower()


def main():
    kinds = json.load(sys.stdin)
    config.load_kube_config()
    api_client = client.ApiClient()
    results = {}
    for k in kinds:
        key = f"{k['group']}/{k['version']}/{k['kind']}"
        cls = getattr(client, api_class_name(k["group"], k["version"]), None)
        method = f"list_{snake(k['kind'])}" + ("_for_all_namespaces" if k["namespaced"] else "")
        fn = getattr(cls(api_client), method, None) if cls is not None else None
        if fn is None:
            results[key] = {"status": "unsupported", "api": f"{api_class_name(k['group'], k['version'])}.{method}"}
            continue
        try:
            items = fn().items
            for item in items:
                # Reading every attribute back exercises the model classes like user code does.
                item.to_dict()
            results[key] = {"status": "ok", "count": len(items)}
        except Exception as error:  # noqa: BLE001 - report whatever the client raised
            results[key] = {"status": "error", "error": f"{type(error).__name__}: {error}"[:2000]}
    json.dump(results, sys.stdout)


main()
