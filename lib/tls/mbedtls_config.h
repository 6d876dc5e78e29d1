/*
 * mbedTLS's configuration for sel4c's TLS (lib/tls): a TLS 1.2 server with forward-secret AEAD
 * suites only, and nothing else mbedTLS could do.
 *
 * - Key exchange: ECDHE only (forward secrecy), authenticated by ECDSA or RSA certificates.
 * - Ciphers: AES-GCM and ChaCha20-Poly1305 (AEAD only: no CBC, no NULL, no static RSA).
 * - Curves: X25519, P-256, P-384.
 * - Randomness: CTR_DRBG seeded only from the entropy source the PD registers (no platform
 *   entropy, no fallback: a server without entropy does not start).
 * - Memory: mbedTLS allocates from sel4c_tls's fixed pool (MBEDTLS_MEMORY_BUFFER_ALLOC_C); a
 *   session's record buffers are bounded by the content lengths below.
 * - No file system, sockets, time or threads: the PD gives certificates as memory and moves
 *   the bytes itself.
 */
#ifndef SEL4C_MBEDTLS_CONFIG_H
#define SEL4C_MBEDTLS_CONFIG_H

/* System support */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* The pool's usage and high-water mark (sel4c_tls_pool_stats) */
#define MBEDTLS_MEMORY_DEBUG
/* Blocks aligned for any type (mbedTLS's default, the size of a pointer, misaligns its headers) */
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 16
#define MBEDTLS_DEPRECATED_REMOVED

/* Protocol */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_CIPHERSUITES                                                                   \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,                                               \
        MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,                                           \
        MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,                                     \
        MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,                                             \
        MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,                                             \
        MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
/* A client may send full 16 KiB records; we send at most 4 KiB per record. */
#define MBEDTLS_SSL_IN_CONTENT_LEN  16384
#define MBEDTLS_SSL_OUT_CONTENT_LEN 4096

/* Crypto */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_GENPRIME

/* Certificates and keys, from PEM in memory */
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C

/* Messages for mbedTLS's error codes (sel4c_tls_strerror) */
#define MBEDTLS_ERROR_C

#include "mbedtls/check_config.h"

#endif
