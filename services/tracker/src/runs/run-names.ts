import { randomInt } from 'node:crypto';

// MLflow names unnamed runs `<adjective>-<noun>-<number>`; users recognise the pattern in the UI.
const ADJECTIVES = [
  'able',
  'bold',
  'brave',
  'calm',
  'clean',
  'crisp',
  'eager',
  'fair',
  'gentle',
  'keen',
  'lucky',
  'merry',
  'neat',
  'quick',
  'silent',
  'sunny',
  'tidy',
  'vivid',
  'wise',
  'zesty',
];
const NOUNS = [
  'ant',
  'bass',
  'bat',
  'bee',
  'cat',
  'crab',
  'deer',
  'dove',
  'eel',
  'fox',
  'gnu',
  'hare',
  'hawk',
  'lark',
  'lynx',
  'mole',
  'newt',
  'owl',
  'seal',
  'wren',
];

export function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}
