/**
 * The verifier's problems as sentences, Indonesian (default) and English, for the CLI and later
 * the web page that shows a verification. `{name}` is replaced by the problem's parameter.
 */
import type { Problem, ProblemCode } from './verify.js';

export type BallotLang = 'id' | 'en';

const MESSAGES: Record<ProblemCode, Record<BallotLang, string>> = {
  'manifest-public-key': {
    id: 'kunci publik pemilihan tidak sama dengan hasil komitmen para pemegang kunci',
    en: "the election public key does not match the keyholders' commitments",
  },
  'manifest-trustees': {
    id: 'daftar pemegang kunci tidak sah (nomor 1..n berurutan, komitmen sebanyak ambang k)',
    en: 'the keyholder list is invalid (indices 1..n in order, k commitments each)',
  },
  'manifest-questions': {
    id: 'pertanyaan {question} tidak sah (id ganda atau batas pilihan salah)',
    en: 'question {question} is invalid (duplicate id or wrong selection limits)',
  },
  'entry-malformed': {
    id: 'entri tidak berbentuk entri papan suara',
    en: 'the entry is not a ballot board entry',
  },
  'entry-seq': {
    id: 'nomor urut {seq}, seharusnya {expected} (entri dihapus, disisipkan atau ditukar)',
    en: 'sequence number {seq}, expected {expected} (an entry removed, inserted or reordered)',
  },
  'entry-prev-hash': {
    id: 'prevHash tidak sama dengan hash entri sebelumnya (rantai putus)',
    en: 'prevHash does not match the previous entry (the chain is broken)',
  },
  'entry-hash': {
    id: 'hash entri tidak sama dengan isinya (entri diubah)',
    en: 'the entry hash does not match its content (the entry was changed)',
  },
  'entry-after-close': {
    id: 'entri sesudah penutupan pemungutan suara (entri {close})',
    en: 'an entry after voting was closed (entry {close})',
  },
  'credential-invalid': {
    id: 'pendaftaran pseudonim tidak sah (bukan titik grup atau bobot di luar batas)',
    en: 'pseudonym registration invalid (not a group point or weight out of range)',
  },
  'credential-duplicate': {
    id: 'pseudonim didaftarkan dua kali',
    en: 'pseudonym registered twice',
  },
  'ballot-tracker': {
    id: 'kode pelacak tidak sama dengan hash surat suara',
    en: 'the tracker does not match the ballot hash',
  },
  'ballot-election': {
    id: 'surat suara untuk pemilihan lain',
    en: 'the ballot is for another election',
  },
  'ballot-question': {
    id: 'surat suara untuk pertanyaan yang tidak ada ({question})',
    en: 'the ballot is for an unknown question ({question})',
  },
  'ballot-unregistered': {
    id: 'pseudonim surat suara belum didaftarkan sebelumnya',
    en: "the ballot's pseudonym was not registered before it",
  },
  'ballot-weight': {
    id: 'bobot surat suara {weight}, terdaftar {registered}',
    en: 'ballot weight {weight}, registered {registered}',
  },
  'ballot-choices': {
    id: 'surat suara berisi {choices} pilihan, seharusnya {expected}',
    en: 'the ballot has {choices} choices, expected {expected}',
  },
  'ballot-encoding': {
    id: 'surat suara memuat {what} yang tidak sah (hex rusak)',
    en: 'the ballot holds an invalid {what} (bad hex)',
  },
  'ballot-choice-proof': {
    id: 'bukti pilihan {choice} tidak sah (sandi bukan 0 atau bobot, atau bukti diubah)',
    en: 'the proof of choice {choice} is invalid (not 0 or the weight, or the proof was changed)',
  },
  'ballot-sum-proof': {
    id: 'bukti jumlah pilihan tidak sah (jumlah pilihan tidak diizinkan, atau bukti diubah)',
    en: 'the proof of the number of selections is invalid (not allowed, or the proof was changed)',
  },
  'ballot-signature': {
    id: 'tanda tangan pseudonim tidak sah',
    en: "the pseudonym's signature is invalid",
  },
  'tally-malformed': {
    id: 'bagian tally tidak berbentuk tally',
    en: 'the tally section is malformed',
  },
  'tally-head': {
    id: 'tally bukan atas papan ini (headHash tidak sama dengan entri terakhir: entri dihapus atau ditambah)',
    en: 'the tally is not of this board (headHash differs from the last entry: entries removed or added)',
  },
  'tally-not-closed': {
    id: 'tally ada tetapi papan tidak diakhiri penutupan',
    en: 'a tally is present but the board does not end with a close',
  },
  'tally-question': {
    id: 'pertanyaan tally tidak sesuai manifest ({question})',
    en: 'the tally questions do not match the manifest ({question})',
  },
  'tally-ciphertext': {
    id: 'sandi jumlah tidak sama dengan hasil penjumlahan surat suara yang dihitung',
    en: 'the encrypted total differs from the sum of the counted ballots',
  },
  'tally-ballots': {
    id: 'jumlah surat suara atau bobot yang dihitung salah (seharusnya {ballots} surat suara, bobot {weight})',
    en: 'wrong number of counted ballots or weight (expected {ballots} ballots, weight {weight})',
  },
  'tally-share': {
    id: 'bagian dekripsi pemegang kunci {trustee} untuk {question} pilihan {choice} tidak sah',
    en: 'the decryption share of keyholder {trustee} for {question} choice {choice} is invalid',
  },
  'tally-too-few-shares': {
    id: 'hanya {valid} bagian dekripsi sah, perlu {threshold}',
    en: 'only {valid} valid decryption shares, {threshold} needed',
  },
  'tally-decrypt': {
    id: 'jumlah tidak dapat dibuka dalam batas bobot yang dihitung',
    en: 'the total does not decrypt within the counted weight',
  },
  'tally-count': {
    id: 'hasil yang diumumkan {announced} untuk pilihan {choice}, hasil dekripsi {decrypted}',
    en: 'announced result {announced} for choice {choice}, decrypted {decrypted}',
  },
};

export function problemMessage(p: Problem, lang: BallotLang): string {
  return MESSAGES[p.code][lang].replace(/\{(\w+)\}/g, (_, k: string) =>
    String(p.params[k] ?? `{${k}}`),
  );
}
