#!/usr/bin/env bash
# Rebuilds the checked-in seed corpora of fuzz/corpus/ from the doc examples: every
# endpoint's example response (from the spec bundle the mock embeds), a selection of
# spec files, and a selection of doc pages of every docs version held in
# ../shared/eko-docs/ plus the importer's fixture pages. Run it by hand
# after a docs import when the examples changed; it needs jq.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
docs=../shared/eko-docs

# Inputs the fuzzers found (found-*) are kept.
mkdir -p "$corpus/decode_response" "$corpus/spec_loader" "$corpus/page_importer"
find "$corpus" -type f ! -name 'found-*' -delete

# decode_response: "<endpoint-id> <http-status>" then the body.
count=$(jq '.endpoints | length' eko-mock/spec.json)
for index in $(seq 0 $((count - 1))); do
  id=$(jq -r ".endpoints[$index].id" eko-mock/spec.json)
  { printf '%s 200\n' "$id"; jq -r ".endpoints[$index].examples.response" eko-mock/spec.json; } \
    >"$corpus/decode_response/$id"
done
# Bodies the docs do not show but Eko sends: business errors, PHP's empty payloads,
# numbers as strings, fields beside the envelope, and non-2xx pages.
printf '%s\n' 'onboard-customer 200' \
  '{"status":1,"message":"Invalid params","response_type_id":"-1","response_status_id":-1,"invalid_params":{"dob":"Invalid date"},"data":{"x":1}}' \
  >"$corpus/decode_response/extra-api-error"
printf '%s\n' 'get-customer-info 200' \
  '{"status":"2129","response_type_id":"2129","message":"Validate the OTP","data":{"intent_id":"19","otp_ref_id":123}}' \
  >"$corpus/decode_response/extra-outcome-strings"
printf '%s\n' 'transaction-inquiry 200' '{"status":0,"message":"ok","data":[],"tx_status":"0","amount":"110.00"}' \
  >"$corpus/decode_response/extra-beside-envelope"
printf '%s\n' 'onboard-user 502' '<html><body>Bad gateway</body></html>' \
  >"$corpus/decode_response/extra-http-error"
printf '%s\n' 'get-banks 200' '{"status":0,"data":""} ' >"$corpus/decode_response/extra-empty-data"

# spec_loader: endpoint files of every shape (multipart, nested objects, arrays of
# objects, two path tokens, GET, renamed, removed, webhook, request hash), and the
# shared files.
for file in \
  aeps/activate-aeps-fingpay aeps/aeps-aadhaar-pay aeps/aeps-fingpay-balance-enquiry \
  aeps/aeps-fingpay-mini-statement bbps/bbps-fetch-bill bbps/bbps-get-operators \
  customer/get-customer-info customer/onboard-customer customer/verify-customer-otp \
  dmt/dmt-initiate-transfer kyc/bulk-bank-account-verification kyc/pan-bulk-verify \
  ppi/ppi-digikhata-get-recipients qr/qr-transaction-status-callback \
  user/activate-user-service user/onboard-user utilities/get-banks; do
  cp "spec/endpoints/$file.toml" "$corpus/spec_loader/$(basename "$file").toml"
done
cp spec/shared.toml "$corpus/spec_loader/shared.toml"
cp spec/groups.toml "$corpus/spec_loader/groups.toml"

# page_importer: "<docs-version>/<page>.md" then the page.
page() { # version page
  if [ -f "$docs/$1/$2.md" ]; then
    { printf '%s/%s.md\n' "$1" "$2"; cat "$docs/$1/$2.md"; } >"$corpus/page_importer/$1-$2"
  fi
}
for version in $(ls "$docs" | grep -E '^[0-9]{4}-'); do
  for name in onboard-customer onboard-user get-customer-info get-banks \
    activate-aeps-fingpay aeps-activate-fingpay pan-bulk-verify bbps-fetch-bill \
    ppi-digikhata-get-recipients qr-transaction-status-callback aadhaar-ppi-levin-verify-otp \
    transaction-inquiry dmt-initiate-transfer; do
    page "$version" "$name"
  done
done
for fixture in xtask/tests/fixtures/malformed/*.md xtask/tests/fixtures/pages/*/*.md; do
  { printf '2030-01-01/%s\n' "$(basename "$fixture")"; cat "$fixture"; } \
    >"$corpus/page_importer/fixture-$(basename "$fixture" .md)"
done

du -sb --apparent-size "$corpus"/*
