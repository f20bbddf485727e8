/**
 * Filecoin's array mapped trie, bit-compatible with go-amt-ipld v4 and ref-fvm's
 * {@code fvm_ipld_amt}: root {@code [bitWidth, height, count, node]} (or the legacy
 * {@code [height, count, node]}), node {@code [bitmap, links, values]}.
 */
package org.fvmreplay.ipld.amt;
