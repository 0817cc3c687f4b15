#!/usr/bin/env bash
# Builds the real control plane the test suite compares against: kube-apiserver and
# kube-controller-manager from the k8s.io/kubernetes Go module, etcd from go.etcd.io/etcd/server/v3,
# all through the Go module proxy. Go is a build tool for the tests only; nothing built here ships.
#
# Output (envtest's KUBEBUILDER_ASSETS layout):
#   ${KUBE_RX_CACHE:-~/.cache/kube-rx}/k8s-<version>/{kube-apiserver,kube-controller-manager,etcd,kubectl}
# A warm cache returns at once. If KUBEBUILDER_ASSETS is set, it is used and nothing is built.
#
# Prints the assets directory on its last line of stdout; progress goes to stderr.
set -euo pipefail

K8S_VERSION="${KUBE_RX_K8S_VERSION:-1.32.13}"
# kubeadm 1.32.13 pairs with etcd 3.5.24 (cmd/kubeadm/app/constants: SupportedEtcdVersion[32]).
ETCD_VERSION="${KUBE_RX_ETCD_VERSION:-3.5.24}"
CACHE_ROOT="${KUBE_RX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-rx}"
ASSETS="$CACHE_ROOT/k8s-$K8S_VERSION"

log() { echo "[cluster:build] $*" >&2; }

if [[ -n "${KUBEBUILDER_ASSETS:-}" ]]; then
  for bin in kube-apiserver etcd; do
    [[ -x "$KUBEBUILDER_ASSETS/$bin" ]] || { log "KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS has no executable $bin"; exit 1; }
  done
  log "using KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS (nothing built)"
  echo "$KUBEBUILDER_ASSETS"
  exit 0
fi

# What the binaries are built from; a cache built from another recipe is rebuilt.
RECIPE="kube-apiserver+kube-controller-manager v$K8S_VERSION, etcd v$ETCD_VERSION, recipe 2 (gitMinor stamped)"
complete() {
  [[ -x "$ASSETS/kube-apiserver" && -x "$ASSETS/kube-controller-manager" && -x "$ASSETS/etcd" && -e "$ASSETS/kubectl" ]] &&
    [[ "$(cat "$ASSETS/.recipe" 2>/dev/null)" == "$RECIPE" ]]
}
if complete; then
  echo "$ASSETS"
  exit 0
fi
if [[ -e "$ASSETS/.recipe" || -e "$ASSETS/kube-apiserver" ]] && [[ "$(cat "$ASSETS/.recipe" 2>/dev/null)" != "$RECIPE" ]]; then
  log "the cache in $ASSETS was built from another recipe: rebuilding"
  rm -f "$ASSETS/kube-apiserver" "$ASSETS/kube-controller-manager" "$ASSETS/etcd" "$ASSETS/.recipe"
fi

command -v go >/dev/null || { log "go is not on PATH: install Go (it builds the test control plane only)"; exit 1; }
mkdir -p "$ASSETS"
WORK="$CACHE_ROOT/build-$K8S_VERSION"
mkdir -p "$WORK/k8s" "$WORK/etcd"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
export CGO_ENABLED=0
start=$SECONDS

# --- kube-apiserver + kube-controller-manager --------------------------------------------------
# k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging paths
# that do not exist in the module zip; pin each to the published v0.<minor>.<patch> instead,
# reading the list from that module's own go.mod.
if [[ ! -x "$ASSETS/kube-apiserver" || ! -x "$ASSETS/kube-controller-manager" ]]; then
  log "building kube-apiserver and kube-controller-manager v$K8S_VERSION (cold: ~15-25 min on 2 cores)"
  gomod=$(cd "$WORK/k8s" && go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  staging_version="v0.${K8S_VERSION#1.}"
  minor="${K8S_VERSION#1.}"; minor="${minor%%.*}"; patch="${K8S_VERSION##*.}"
  {
    echo "module kube-rx.local/real-cluster"
    echo
    echo "go $(sed -n 's/^go \(.*\)/\1/p' "$gomod")"
    echo
    echo "require k8s.io/kubernetes v$K8S_VERSION"
    echo
  } > "$WORK/k8s/go.mod"
  # The proxy does not serve every staging module at every patch (k8s.io/endpointslice v0.32.13 is
  # refused): take the newest patch at or below ours that it serves.
  for module in $(sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\1#p' "$gomod"); do
    grep -qE "^\s$module v0.0.0$" "$gomod" || continue   # replaced but not required: not in the graph
    picked=""
    for ((p = patch; p >= 0; p--)); do
      if (cd "$WORK/k8s" && go mod download "$module@v0.$minor.$p" >/dev/null 2>&1); then picked="v0.$minor.$p"; break; fi
    done
    [[ -n "$picked" ]] || { log "the module proxy serves no $module v0.$minor.x"; exit 1; }
    [[ "$picked" == "$staging_version" ]] || log "$module: $staging_version is not served, using $picked"
    echo "replace $module => $module $picked" >> "$WORK/k8s/go.mod"
  done
  cat > "$WORK/k8s/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
)
GO
  (
    cd "$WORK/k8s"
    go mod tidy -e >&2 2>&1 || true
    go get "k8s.io/kubernetes@v$K8S_VERSION" >&2
    go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor" \
      -o "$ASSETS/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager >&2
  )
fi

# --- etcd --------------------------------------------------------------------------------------
if [[ ! -x "$ASSETS/etcd" ]]; then
  log "building etcd v$ETCD_VERSION"
  cat > "$WORK/etcd/go.mod" <<GOMOD
module kube-rx.local/etcd

go 1.23

require go.etcd.io/etcd/server/v3 v$ETCD_VERSION
GOMOD
  cat > "$WORK/etcd/main.go" <<'GO'
// The etcd server, as its own binary does it: etcdmain.Main parses the same flags.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  (
    cd "$WORK/etcd"
    go mod tidy >&2
    go build -trimpath -ldflags "-s -w" -o "$ASSETS/etcd" . >&2
  )
fi

# --- kubectl -----------------------------------------------------------------------------------
# The installed kubectl (1.32 here) is the client the suite drives; link it into the layout.
if [[ ! -e "$ASSETS/kubectl" ]]; then
  kubectl_path=$(command -v kubectl || true)
  [[ -n "$kubectl_path" ]] || { log "kubectl is not on PATH"; exit 1; }
  ln -sf "$kubectl_path" "$ASSETS/kubectl"
fi

echo "$RECIPE" > "$ASSETS/.recipe"
log "built in $((SECONDS - start)) s: $ASSETS"
echo "$ASSETS"
