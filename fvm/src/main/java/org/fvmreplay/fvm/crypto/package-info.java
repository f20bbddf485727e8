/**
 * The cryptography behind the {@code crypto} syscalls, as FVM v3 does it: Filecoin secp256k1 and BLS signature
 * verification, secp256k1 public key recovery, piece commitments and the unsealed sector CID (CommD), and the policy for
 * proofs this machine cannot verify.
 */
package org.fvmreplay.fvm.crypto;
