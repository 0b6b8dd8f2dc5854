#!/usr/bin/env bash
# A private CA and node certificates for AiMass remoting over mutual TLS (docs/SECURITY.md).
#
#   deploy/make-certs.sh DIR [--hosts H1,H2,...] [--nodes NAME1,NAME2,...] [--days N] [--ca-days N]
#
# Writes, with openssl, into DIR (created mode 0700; every file mode 0600, owner only):
#   ca.key, ca.crt                  the cluster CA (EC P-256); a node trusts exactly the certificates it signed
#   NAME.key, NAME.crt              one certificate per --nodes name (default: one shared "node" certificate),
#                                   for TLS servers and clients, SANs localhost, 127.0.0.1 and every --hosts entry
# Nodes take DIR with `--tls-dir DIR` (ca.crt + node.crt + node.key), or --tls-ca/--tls-cert/--tls-key.
#
# Idempotent: an existing CA is kept (delete ca.key and ca.crt to make a new one, then every node certificate is
# re-issued); an existing node certificate is kept while it is signed by the CA, valid for 30 more days and has
# exactly the requested SANs, and re-issued otherwise. Defaults: --days 825, --ca-days 3650.
set -euo pipefail

usage() {
  sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,3\}//' >&2
  exit 2
}

die() {
  echo "make-certs: $*" >&2
  exit 1
}

DIR="" HOSTS="" NODES="node" DAYS=825 CA_DAYS=3650
while (($# > 0)); do
  case "$1" in
    --hosts) HOSTS="${2?--hosts needs a comma-separated list}"; shift 2 ;;
    --nodes) NODES="${2:?--nodes needs a comma-separated list}"; shift 2 ;;
    --days) DAYS="${2:?--days needs a number}"; shift 2 ;;
    --ca-days) CA_DAYS="${2:?--ca-days needs a number}"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "make-certs: unknown option $1" >&2; usage ;;
    *) [[ -z "$DIR" ]] || usage; DIR="$1"; shift ;;
  esac
done
[[ -n "$DIR" ]] || usage
[[ "$DAYS" =~ ^[1-9][0-9]*$ && "$CA_DAYS" =~ ^[1-9][0-9]*$ ]] || die "--days and --ca-days take whole numbers"
command -v openssl >/dev/null || die "openssl is not installed (Debian/Ubuntu: apt-get install openssl)"

umask 077
mkdir -p "$DIR"
chmod 700 "$DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The SAN list: localhost, 127.0.0.1, then each host as an IP or DNS entry, without duplicates.
san_list() {
  local entries=("DNS:localhost" "IP:127.0.0.1") host entry seen
  IFS=',' read -ra hosts <<<"$HOSTS"
  for host in "${hosts[@]}"; do
    host="${host//[[:space:]]/}"
    [[ -n "$host" ]] || continue
    if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then entry="IP:$host"; else entry="DNS:$host"; fi
    seen=0
    for e in "${entries[@]}"; do [[ "$e" == "$entry" ]] && seen=1; done
    ((seen)) || entries+=("$entry")
  done
  local IFS=','
  echo "${entries[*]}"
}

# The SANs of a certificate as openssl prints them (normalised to "DNS:a,IP:b"), sorted.
sans_of() {
  openssl x509 -in "$1" -noout -ext subjectAltName 2>/dev/null | tail -n +2 \
    | sed 's/IP Address:/IP:/g; s/[[:space:]]//g' | tr ',' '\n' | sort | paste -sd, -
}

new_key() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

make_ca() {
  echo "make-certs: new CA in $DIR/ca.crt" >&2
  new_key "$DIR/ca.key"
  openssl req -new -x509 -key "$DIR/ca.key" -out "$DIR/ca.crt" -days "$CA_DAYS" -sha256 \
    -subj "/O=AiMass/CN=AiMass cluster CA $(date -u +%Y%m%d%H%M%S)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" 2>/dev/null
  chmod 600 "$DIR/ca.crt"
}

# Whether NAME's certificate can stay: signed by the CA, valid 30 more days, exactly the wanted SANs.
node_is_current() {
  local crt="$DIR/$1.crt" want="$2"
  [[ -f "$crt" && -f "$DIR/$1.key" ]] || return 1
  openssl verify -CAfile "$DIR/ca.crt" "$crt" >/dev/null 2>&1 || return 1
  openssl x509 -in "$crt" -noout -checkend $((30 * 24 * 3600)) >/dev/null 2>&1 || return 1
  [[ "$(sans_of "$crt")" == "$(tr ',' '\n' <<<"$want" | sort | paste -sd, -)" ]]
}

make_node() {
  local name="$1" sans="$2" csr="$WORK/$1.csr" extensions="$WORK/$1.ext"
  echo "make-certs: new certificate $DIR/$name.crt (SANs $sans)" >&2
  new_key "$DIR/$name.key"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=$sans" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" >"$extensions"
  openssl req -new -key "$DIR/$name.key" -subj "/O=AiMass/CN=aimass-$name" -out "$csr" 2>/dev/null
  openssl x509 -req -in "$csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -days "$DAYS" -sha256 \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$extensions" -out "$DIR/$name.crt" 2>/dev/null
  chmod 600 "$DIR/$name.crt"
}

if [[ ! -f "$DIR/ca.key" || ! -f "$DIR/ca.crt" ]]; then
  make_ca
fi
SANS="$(san_list)"
IFS=',' read -ra names <<<"$NODES"
for name in "${names[@]}"; do
  [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ && "$name" != "ca" ]] \
    || die "node name '$name': use letters, digits, . _ - (not 'ca')"
  node_is_current "$name" "$SANS" || make_node "$name" "$SANS"
done
chmod 600 "$DIR"/*
echo "make-certs: CA and ${#names[@]} node certificate(s) in $DIR; start nodes with --tls-dir $DIR"
