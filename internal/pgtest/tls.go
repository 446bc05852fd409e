package pgtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// DefaultTLSNames are the names a TLS server's certificate is issued for
// unless Options.TLSNames says otherwise: the loopback address the server
// listens on, by name and by number.
var DefaultTLSNames = []string{"localhost", "127.0.0.1"}

// authority is a certificate authority made for one test: its
// certificate (as PEM, what a client trusts) and the key it signs with.
type authority struct {
	cert *x509.Certificate
	pem  []byte
	key  *ecdsa.PrivateKey
}

func newAuthority(name string) (*authority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"ROPA Desk tests"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &authority{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}

// issue signs a server certificate for names (host names or IP
// addresses) and returns it and its key as PEM.
func (a *authority) issue(names []string) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: names[0]},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.cert, &key.PublicKey, a.key)
	if err != nil {
		return nil, nil, err
	}
	kd, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}), nil
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	return n
}

// WriteCA writes the certificate of a new certificate authority, one that
// signed nothing any server holds, into dir and returns its path: what a
// client trusting the wrong authority is given as sslrootcert.
func WriteCA(dir string) (string, error) {
	a, err := newAuthority("Another authority")
	if err != nil {
		return "", fmt.Errorf("make a certificate authority: %w", err)
	}
	path := filepath.Join(dir, "other-ca.crt")
	return path, os.WriteFile(path, a.pem, 0o644)
}

// setUpTLS makes the test's certificate authority (its certificate in
// root, for clients) and the server's certificate and key in the data
// folder, owned by the account the server runs as (the server refuses a
// key others can read), and returns the server settings that use them.
func (s *Server) setUpTLS(root string, names []string) (string, error) {
	if len(names) == 0 {
		names = DefaultTLSNames
	}
	ca, err := newAuthority("ROPA Desk test authority")
	if err != nil {
		return "", fmt.Errorf("make the test's certificate authority: %w", err)
	}
	s.CAFile = filepath.Join(root, "ca.crt")
	if err := os.WriteFile(s.CAFile, ca.pem, 0o644); err != nil {
		return "", err
	}
	certPEM, keyPEM, err := ca.issue(names)
	if err != nil {
		return "", fmt.Errorf("issue the server's certificate: %w", err)
	}
	certFile, keyFile := filepath.Join(s.dataDir, "server.crt"), filepath.Join(s.dataDir, "server.key")
	for _, f := range []struct {
		path string
		data []byte
	}{{certFile, certPEM}, {keyFile, keyPEM}} {
		if err := os.WriteFile(f.path, f.data, 0o600); err != nil {
			return "", err
		}
		if s.runAs != nil {
			if err := os.Chown(f.path, s.runAs.uid, s.runAs.gid); err != nil {
				return "", fmt.Errorf("give %s to %s: %w", f.path, s.runAs.name, err)
			}
		}
	}
	return fmt.Sprintf(" -c ssl=on -c ssl_cert_file='%s' -c ssl_key_file='%s'", certFile, keyFile), nil
}

// freePort is a loopback TCP port nothing listens on now. Another
// program may take it before the server does; Launch then tries again.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// TLSConnStringAs is the connection string of database name as role over
// TCP to host (localhost or 127.0.0.1, or another name for the server's
// loopback address) with sslmode=verify-full, trusting the certificate
// authority in caFile (the server's own is CAFile). Only for a server
// started with Options.TLS.
func (s *Server) TLSConnStringAs(role, host, name, caFile string) string {
	q := url.Values{"sslmode": {"verify-full"}, "sslrootcert": {caFile}}
	return (&url.URL{Scheme: "postgres", User: url.User(role), Host: net.JoinHostPort(host, strconv.Itoa(s.Port)), Path: "/" + name, RawQuery: q.Encode()}).String()
}
