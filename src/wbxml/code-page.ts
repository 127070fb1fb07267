// Shape of one MS-ASWBXML code page as data: tag tokens 0x05-0x3F mapped to names.

export interface CodePage {
  /** Page number as switched with SWITCH_PAGE (0x00). */
  readonly number: number;
  /** Namespace name as MS-ASWBXML spells it, e.g. "AirSync", "FolderHierarchy". */
  readonly namespace: string;
  /** Token (without the 0x40 content bit) to tag name. */
  readonly tags: Readonly<Record<number, string>>;
}
