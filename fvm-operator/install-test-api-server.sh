#!/usr/bin/env bash
# Builds the Kubernetes API server, etcd and kubectl that the operator's tests run against, and helm, which renders
# the chart for them, from the Go module proxy, and caches them where fabric8's kube-api-test looks for them:
#
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-linux-<arch>/{kube-apiserver,etcd,kubectl,helm}
#
# No prebuilt kube-apiserver can be downloaded from here, hence the build. k8s.io/kubernetes cannot be built with
# `go install` (its go.mod points its k8s.io/* staging modules at folders of its own repository), so a throw-away
# module requires it and points each staging module at the release published under the matching v0 version.
# etcd is built from the same module graph: kubernetes requires go.etcd.io/etcd/server/v3 at the version it is
# tested with.
#
# First run: about 5 minutes on 2 cores (it downloads 1 GB of modules into the Go module cache and fills 3 GB of Go
# build cache); afterwards it checks the four binaries' versions and exits in under a second. Needs Go 1.26 or newer.
set -euo pipefail

KUBE_VERSION=v1.36.3   # kube-apiserver and kubectl
STAGING_VERSION=v0.36.3 # the k8s.io/* staging modules published with it
ETCD_VERSION=v3.6.8    # the etcd that k8s.io/kubernetes v1.36.3 requires
HELM_VERSION=v3.19.0   # helm template, for the chart test (its module needs no replacements: go install works)

case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "error: unsupported machine $(uname -m): expected x86_64 or aarch64" >&2; exit 1 ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
root=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}
dest="$root/k8s/${KUBE_VERSION#v}-$os-$arch"

cached() {
  # each version read into a variable first: with pipefail, `cmd | grep -q` fails when grep stops reading early
  local out
  [ -x "$dest/kube-apiserver" ] && [ -x "$dest/etcd" ] && [ -x "$dest/kubectl" ] && [ -x "$dest/helm" ] || return 1
  out=$("$dest/kube-apiserver" --version 2>/dev/null) && [ "$out" = "Kubernetes $KUBE_VERSION" ] || return 1
  out=$("$dest/etcd" --version 2>/dev/null) && grep -q "^etcd Version: ${ETCD_VERSION#v}$" <<<"$out" || return 1
  out=$("$dest/kubectl" version --client 2>/dev/null) && grep -q "^Client Version: $KUBE_VERSION$" <<<"$out" || return 1
  out=$("$dest/helm" version --short 2>/dev/null) && grep -q "^$HELM_VERSION" <<<"$out" || return 1
}

if cached; then
  echo "test API server: cached in $dest (kube-apiserver and kubectl $KUBE_VERSION, etcd $ETCD_VERSION, helm $HELM_VERSION)"
  exit 0
fi

if ! command -v go >/dev/null; then
  echo "error: go is not on PATH: the test API server is built from source (Go 1.26 or newer)" >&2
  exit 1
fi

echo "test API server: building kube-apiserver and kubectl $KUBE_VERSION, etcd $ETCD_VERSION and helm $HELM_VERSION into $dest" \
  "(about 5 minutes)"
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

mod_file=$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
if [ ! -f "$mod_file" ]; then
  echo "error: could not download k8s.io/kubernetes@$KUBE_VERSION from the Go module proxy ($(go env GOPROXY))" >&2
  exit 1
fi
{
  echo "module local/testapiserver"
  echo
  echo "go 1.26.0"
  echo
  echo "require ("
  echo "	k8s.io/kubernetes $KUBE_VERSION"
  echo "	go.etcd.io/etcd/server/v3 $ETCD_VERSION"
  echo ")"
  echo
  echo "replace ("
  # every staging module, e.g. "k8s.io/api => ./staging/src/k8s.io/api", becomes "k8s.io/api => k8s.io/api v0.x.y"
  grep -E '^\s+k8s\.io/[a-z0-9-]+ => \./staging/src/' "$mod_file" | awk -v v="$STAGING_VERSION" '{ print "\t" $1 " => " $1 " " v }'
  echo ")"
} >go.mod
if ! GOFLAGS=-mod=mod go get "k8s.io/kubernetes@$KUBE_VERSION" "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >get.log 2>&1; then
  cat get.log >&2
  echo "error: resolving the modules of k8s.io/kubernetes@$KUBE_VERSION failed (above)" >&2
  exit 1
fi

minor=${KUBE_VERSION#v1.}
minor=${minor%%.*}
kube_ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$KUBE_VERSION"
kube_ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"

mkdir -p "$work/bin"
GOFLAGS=-mod=mod go build -trimpath -ldflags "$kube_ldflags" -o "$work/bin/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
GOFLAGS=-mod=mod go build -trimpath -ldflags "$kube_ldflags" -o "$work/bin/kubectl" k8s.io/kubernetes/cmd/kubectl
GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$work/bin/etcd" go.etcd.io/etcd/server/v3
if ! GOBIN="$work/bin" go install -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
  "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >helm.log 2>&1; then
  cat helm.log >&2
  echo "error: building helm $HELM_VERSION failed (above)" >&2
  exit 1
fi

# all four or none: a half-written folder would be taken for a cached one
mkdir -p "$root/k8s"
rm -rf "$dest.tmp" && mkdir "$dest.tmp"
mv "$work/bin/kube-apiserver" "$work/bin/etcd" "$work/bin/kubectl" "$work/bin/helm" "$dest.tmp/"
rm -rf "$dest" && mv "$dest.tmp" "$dest"
if ! cached; then
  echo "error: the binaries built into $dest do not report the expected versions" >&2
  exit 1
fi
echo "test API server: built in $(($(date +%s) - start)) s into $dest"
