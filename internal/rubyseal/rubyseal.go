// Package rubyseal seals a session payload in the WorkOS Ruby SDK's cookie
// format, for tests only: the SDK reads that format and never writes it, so
// nothing outside tests imports this package.
package rubyseal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"slices"
)

// Seal returns plain sealed the way the Ruby SDK 10.x seals a session:
// strict base64 of the version byte 0x01, a random 12-byte nonce, the
// 16-byte AES-256-GCM tag and then the ciphertext, keyed with the SHA-256
// of password. plain is the payload JSON, snake_case as Ruby writes it.
func Seal(plain []byte, password string) string {
	key := sha256.Sum256([]byte(password))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	nonce := make([]byte, gcm.NonceSize())
	_, _ = rand.Read(nonce)
	sealed := gcm.Seal(nil, nonce, plain, nil)
	ct, tag := sealed[:len(plain)], sealed[len(plain):]
	return base64.StdEncoding.EncodeToString(slices.Concat([]byte{1}, nonce, tag, ct))
}
