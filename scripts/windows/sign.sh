# Sourced by build.sh and package.sh: sign_file FILE signs a Windows
# executable or MSI with osslsigncode (Authenticode, SHA-256, timestamped)
# when the organisation's certificate is given, and says so and does
# nothing when it is not. The certificate is the organisation's: this
# repository holds none.
#   SIGN_PFX=cert.pfx [SIGN_PASS=…]               a PKCS#12 file, or
#   SIGN_CERT=cert.pem SIGN_KEY=key.pem [SIGN_PASS=…]   a certificate chain and key
#   SIGN_TIMESTAMP=URL   RFC 3161 time-stamp server (default http://timestamp.digicert.com;
#                        "none" signs without one: the signature then dies with the certificate)
# The caller defines fail().

sign_file() {
	local file=$1 creds=() ts=()
	if [[ -n ${SIGN_PFX:-} ]]; then
		creds=(-pkcs12 "$SIGN_PFX")
	elif [[ -n ${SIGN_CERT:-} || -n ${SIGN_KEY:-} ]]; then
		[[ -n ${SIGN_CERT:-} && -n ${SIGN_KEY:-} ]] || fail "give both SIGN_CERT and SIGN_KEY (or SIGN_PFX)"
		creds=(-certs "$SIGN_CERT" -key "$SIGN_KEY")
	else
		echo "sign: no SIGN_PFX or SIGN_CERT/SIGN_KEY given: $(basename "$file") is not signed"
		return 0
	fi
	command -v osslsigncode >/dev/null || fail "osslsigncode is not installed (Debian: apt-get install osslsigncode)"
	[[ -n ${SIGN_PASS:-} ]] && creds+=(-pass "$SIGN_PASS")
	local url=${SIGN_TIMESTAMP:-http://timestamp.digicert.com}
	[[ $url == none ]] || ts=(-ts "$url")
	osslsigncode sign "${creds[@]}" "${ts[@]}" -h sha256 -n "ROPA Desk" \
		-i "https://github.com/ropadesk/ropadesk" -in "$file" -out "$file.signed" ||
		{ rm -f "$file.signed"; fail "signing $(basename "$file") failed"; }
	mv "$file.signed" "$file"
	osslsigncode verify -in "$file" >/dev/null 2>&1 || [[ -n ${SIGN_ALLOW_UNTRUSTED:-} ]] ||
		fail "the signature on $(basename "$file") does not verify (set SIGN_ALLOW_UNTRUSTED=1 for a test certificate)"
	echo "sign: $(basename "$file") signed"
}
