// Node's error codes for a TLS peer whose certificate does not verify against the CA given
// (an unknown issuer, a self-signed certificate, a name that does not match): the Docker
// engine over tcp:// and the Kubernetes API server both say so in the same words.
export const TLS_UNVERIFIED = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME/;
