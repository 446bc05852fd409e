package pgstore

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/ropadesk/ropadesk/model"
)

// certificateError says in words why the server's certificate was not
// accepted (sslmode=verify-ca or verify-full), with the TLS library's own
// words after it for whoever sets the server up; nil when err is not about
// the certificate.
func certificateError(where string, err error) error {
	why, fix := "", ""
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		why = "it was not signed by the certificate authority this computer trusts for it (the sslrootcert file in the connection string, or the system's authorities)"
		fix = "Ask the server's administrator for the certificate of the authority that signed the server's certificate, and name that file with sslrootcert= in the connection string."
	case errors.As(err, &host):
		why = fmt.Sprintf("it was issued for %s, not for %s, the server named in the connection string", certificateNames(host.Certificate), host.Host)
		fix = "Connect with one of the names the certificate was issued for, or ask the server's administrator for a certificate with this name."
	case errors.As(err, &invalid):
		why = "it is not valid now"
		if invalid.Reason == x509.Expired {
			why = "it has expired or is not valid yet"
		}
		fix = "Ask the server's administrator to renew it."
	default:
		return nil
	}
	detail := err.Error()
	var v *tls.CertificateVerificationError
	if errors.As(err, &v) && v.Err != nil {
		detail = v.Err.Error()
	}
	return model.Errorf(model.EINVALID, "The server's certificate could not be verified, so ROPA Desk did not connect to the shared register %s: %s. %s (The check said: %s.)", where, why, fix, detail)
}

// certificateNames lists the names a certificate was issued for.
func certificateNames(c *x509.Certificate) string {
	if c == nil {
		return "other names"
	}
	names := append([]string{}, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	if len(names) == 0 && c.Subject.CommonName != "" {
		names = append(names, c.Subject.CommonName)
	}
	if len(names) == 0 {
		return "no server name"
	}
	return joinWords(names)
}
