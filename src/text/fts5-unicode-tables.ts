/**
 * The Unicode data of SQLite FTS5's unicode61 tokenizer, as `fts5-tokens.ts` reads it:
 * which code points are token characters, how they fold, which marks it drops.
 */

// Tables read off SQLite 3.53's FTS5 by tokenizing every code point (the test re-checks
// all of them). JS's \p{L}, \p{N} and \p{Co} will not do: SQLite's Unicode data is older
// than any Node's, and it counts unassigned code points (Cn) as token characters too.
//
// TOKEN_RANGES: non-ASCII token characters as base-36 `gap.length` pairs: a range starts
// `gap` after the previous one ends (the first counts from U+007F) and spans length + 1.
export const TOKEN_RANGES = [
  '16.0 7.1 1.0 3.1 1.2 1.m 1.u 1.cp 4.b e.4 7.0 1.0 3l.4 1.7 1.4 2.0 1.31 1.3u 8.5r 6.14 2.3 1.0',
  '1j.16 2.a 5.0 m.1 2.16 l.9 4.1 1.2q 1.0 f.1 7.e 2.0 e.0 1.0 1.t r.2i b.1l 9.1 4.r 4.0 9.0 3.0',
  '5.1 f.p 3.1 1.3o r.0 4.1h 3.0 i.0 7.9 4.9 1.f 3.1j 1.0 7.1 2.1 3.8 1.9 2.d 2.5 2.4 3.1j 1.0 5.3',
  '2.1 3.2 1.t 2.2 1.a 3.1j 1.0 8.0 3.0 3.j 2.b 2.e 3.1j 1.0 7.1 2.1 3.7 2.9 2.b 1.g 1.1m 5.2 3.0',
  '4.8 1.q 8.5 3.1l 7.0 3.0 4.6 2.a 2.q 1.1 2.1j 1.0 7.0 3.0 4.6 2.a 2.t 2.1l 7.0 3.0 4.8 1.9 2.k',
  '1.7 2.1x 1.3 6.0 1.0 8.h 3.1n 1.1 7.3 1.6 9.9 2.2c 1.1 6.0 2.a 6.1e v.j c.1c n.4 b.0 10.0 f.0',
  'd.27 k.a 6.5 4.3 3.0 3.1 7.2 4.c c.0 1.9 6.2i 1.gw c.12 a.2t 1.h7 2.g 1.p 2.25 3.z 3.s 5.q 2.t',
  '2.1r z.0 4.0 1.x f.49 1.39 c.3 c.3 1.2 2.2x h.6 2.j y.m 5.1 2.1g a.0 t.1 1.v 7.0 6.29 5.1a h.k',
  'z.2 3.t d.1j e.7 4.z k.2 5.1p 2.1r 8.7 p.3 1.3 3.5m 13.k 4.cc 1.0 3.a 3.c 3.c 3.c 2.0 2t.4 6.9',
  '5.a 5.g q.l x.e 2.0 4.0 2.9 1.0 3.4 6.0 1.0 1.0 1.3 1.a 2.3 5.4 4.0 1.1r h0.b 13.o b.28 26.l',
  'e8.0 39.t qh.2 a.ay 6.3 3.6 4.0 2.33 1.d 1.2n 27.0 c.1v q.0 2h.b 5y.p c.3 5.2 p.8 7.4 2.4 3.2g',
  '4.2 1.2h 1.43 2.3 a.v 10.r v.a u.7 1.e w.9 13.e 1r.0 74.533 1s.h3j 1j.1i 2.7g 3.2m g.v 1.27 8.7',
  'n.8 2.2u 2.3a 1.2 1.3 1.m 9.9 4.1l 4.7 2.1d h.8 2.f i.5 3.16 a.m d.a 1.v 4.1a r.f 2.20 e.b 1.7',
  '2.d 4.m 3.0 1.1f 1.0 3.1 2.4 2.0 1.r 2.a 7.2 2.6j b.8pd 1kw.5ct 1.9 1.3r g.aj 2.57 2.1 q.5 7.8',
  'z.0 j.0 4.42 1.0 f.9 7.p 6.p b.3d 7.0 7.9 7.73 3.1f 9.1k h.5 c.1f 1a.bk 1.1b 1.w5 1.5i 1.u 1.5c',
  '3.0 2.4 4.13 3.3 1.f 9.11 1.54 7.xr 3.1g m.1d 3.18 i.1p 3.z e.a 4.1n 3.1b e.3 4.yp d.2pj 4.esc',
  '1a.f 4.j1o 6u.9 13.1 51.x 1y.55 2f.o9 1.o 1.u 1.o 1.u 1.o 1.u 1.o 1.u 1.o 1.4kr 2.7h 18.3 2s.b',
  'f.1 e.1 f.0 f.1b v.0 1o.3 17.22 t.c 17.4 9.6 2.4t x.e 6.0 1y.2 k.b 11.0 5.k h.e 1r.0 1.0 52.0',
  '4.2 1q.1 4.b o.42 1y.3 b.1b 1y.1l 38.gwi4 1.t 2o.3j 6o.47bj',
].join(' ')

// FOLDS: what unicode61 turns token characters into (lower case, and for remove_diacritics
// 1 the plain Latin letter), as base-36 `step.count.rule` runs: the run starts `step` after
// the previous run's start and covers `count` code points, each mapped by `rule`: `tX` to X,
// `D` to itself plus D, `eD` likewise but only every other code point.
export const FOLDS = [
  '51.1.lj b.6.t2p 6.1.w 1.2.e-2s 1.1.-2r 2.2.t2t 2.4.t2x 4.1.w 1.2.-2r 2.4.t33 5.1.w 1.4.t39',
  '4.1.-2s 1.1.w 2.6.t2p 7.2.e-3o 1.1.-3n 2.2.t2t 2.4.t2x 5.2.-3n 2.4.t33 6.4.t39 4.1.-3o 2.1.-3q',
  '1.6.t2p 6.8.t2r 8.2.t2s 2.1.1 2.a.t2t a.8.t2v 8.2.t2w 2.1.1 2.9.t2x a.1.1 2.2.t2y 2.2.t2z',
  '3.6.t30 6.2.e1 4.6.t32 7.1.1 2.6.t33 6.1.1 2.6.t36 6.8.t37 8.4.t38 4.1.1 2.c.t39 c.2.e-71',
  '1.2.e-72 3.2.-73 2.5.t3e 5.1.-7g 2.1.5u 1.2.e1 4.1.5q 1.1.1 2.2.5p 2.1.1 3.1.27 1.1.5m 1.1.5n',
  '1.1.1 2.1.5p 1.1.5r 2.1.5v 1.1.5t 1.1.1 4.1.5v 1.1.5x 2.1.5y 1.2.t33 2.2.e1 4.1.62 1.1.1 2.1.62',
  '3.1.1 2.1.62 1.2.t39 2.2.61 2.2.e1 4.1.63 1.1.1 4.1.1 8.2.tcm 3.2.tcp 3.2.tcs 3.2.t2p 2.2.t2x',
  '2.2.t33 2.2.t39 2.4.e1 9.4.e1 8.2.t2v 2.2.t2z 2.2.t33 2.2.e1 4.1.-au 1.2.tdv 3.2.t2v 2.1.-2p',
  '1.1.-1k 1.2.t32 2.3.e1 6.4.t2p 4.4.t2t 4.4.t2x 4.4.t33 4.4.t36 4.4.t39 4.2.t37 2.2.t38 2.1.1',
  '2.2.t2w 2.1.-3m 2.2.e1 4.2.t2p 2.2.t2t 2.2.e1 4.2.t33 2.1.1 2.2.t3d 8.1.8bv 1.1.1 2.1.-4j',
  '1.1.8bs 3.1.1 2.1.-5f 1.1.1x 1.1.1z 1.5.e1 8a.2.e1 6.1.1 g.1.12 2.3.11 4.1.1s 2.2.1r 3.h.w i.9.w',
  'v.1.1 d.1.8 1.1.-u 1.1.-p 4.1.-f 1.1.-m 2.c.e1 o.1.-1i 1.1.-1c 3.1.-1o 1.1.-1s 2.1.1 2.1.-7',
  '1.1.1 3.3.-3m 3.g.28 g.w.w 28.h.e1 16.r.e1 1i.1.f 1.7.e1 f.18.e1 2p.12.1c 29b.12.5ls 13.1.5ls',
  '6.1.5ls 2lv.2.t2p 2.6.t2q 6.1.1 2.a.t2s a.2.e1 4.4.t2t 4.1.1 2.2.t2u 2.2.t2v 2.a.t2w a.2.t2x',
  '2.1.1 2.6.t2z 6.2.t30 2.1.1 2.4.t30 4.6.t31 6.8.t32 8.4.e1 8.4.t34 4.4.t36 4.1.1 2.2.t36 2.4.t37',
  '4.3.e1 6.8.t38 8.6.t39 6.2.e1 4.4.t3a 4.a.t3b a.4.t3c 4.2.t3d 2.6.t3e 6.1.-5ym 1.1.-5yb 1.1.-5y9',
  '1.1.-5y8 2.1.-5yg 3.1.-5vj 2.4.t2p 4.a.e1 k.6.t2t 6.5.e1 a.4.t2x 4.4.t33 4.a.e1 k.4.t39 4.5.e1',
  'a.8.t3d 8.3.e1 e.8.-8 g.6.-8 g.8.-8 g.8.-8 g.6.-8 h.4.e-8 f.8.-8 w.8.-8 g.8.-8 g.8.-8 g.2.-8',
  '2.2.-22 2.1.-9 2.1.-5j9 a.4.-2e 4.1.-9 c.2.-8 2.2.-2s e.2.-8 2.2.-34 2.1.-7 c.2.-3k 2.2.-3i',
  '2.1.-9 8a.1.-5st 4.1.-6gv 1.1.-6h6 7.1.s 1a.g.g z.1.1 22l.1b.1c 2o.1.1 2.1.-8af 1.1.-2xy',
  '1.1.-89z 3.3.e1 6.1.-8bg 1.1.-8al 1.1.-8bj 1.1.-8bi 2.1.1 3.1.1 9.2.-8cf 2.1e.e1 2z.2.e1 7.1.1',
  'nym.n.e1 1s.c.e1 4i.7.e1 g.v.e1 1z.2.e1 4.1.-r9g 1.5.e1 d.1.1 2.1.-wmg 3.2.e1 g.5.e1 a.1.-wn8',
  'h9z.q.w yn.14.14',
].join(' ')

// Combining marks that unicode61 drops inside a token; anywhere else they separate tokens.
export const DIACRITICS = [
  [0x300, 0x304],
  [0x306, 0x30c],
  [0x30f, 0x30f],
  [0x311, 0x311],
  [0x31b, 0x31b],
  [0x323, 0x328],
  [0x32d, 0x32e],
  [0x330, 0x331],
] as const
