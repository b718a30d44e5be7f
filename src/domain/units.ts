/** Bytes in a mebibyte: size and memory rules, report.json and the card count in MiB. */
export const MIB = 2 ** 20;
