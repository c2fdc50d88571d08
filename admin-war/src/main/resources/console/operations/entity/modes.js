// Citus' transfer modes, as the forms offer them: [value, label].
export const MODES = [
  ['auto', 'auto (Citus chooses)'],
  ['force_logical', 'force_logical (keeps taking writes)'],
  ['block_writes', 'block_writes (writes wait while it copies)'],
];
