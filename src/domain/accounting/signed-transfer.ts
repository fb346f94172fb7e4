/**
 * The two journal lines that move a signed amount between two accounts: a positive amount debits
 * `debitRole` and credits `creditRole`; a negative one runs the other way for its absolute value
 * (a PPAP release, a loss moved out of the current year's SHU). Amount 0 is the caller's to skip.
 */
export type TransferLine =
  | { account: { role: string }; debitRupiah: bigint }
  | { account: { role: string }; creditRupiah: bigint };

export function signedTransferLines(
  amountRupiah: bigint,
  debitRole: string,
  creditRole: string,
): TransferLine[] {
  const [from, to] = amountRupiah > 0n ? [debitRole, creditRole] : [creditRole, debitRole];
  const abs = amountRupiah < 0n ? -amountRupiah : amountRupiah;
  return [
    { account: { role: from }, debitRupiah: abs },
    { account: { role: to }, creditRupiah: abs },
  ];
}
