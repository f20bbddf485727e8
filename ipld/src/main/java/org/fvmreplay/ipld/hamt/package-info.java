/**
 * Filecoin's hash array mapped trie, bit-compatible with go-hamt-ipld v3 and ref-fvm's
 * {@code fvm_ipld_hamt} (the format of actors v3 and later): node {@code [bitfield, pointers]},
 * buckets of at most three sorted entries, canonical shape after deletes.
 */
package org.fvmreplay.ipld.hamt;
