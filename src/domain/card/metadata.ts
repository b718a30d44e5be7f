/**
 * ONNX `metadata_props` → the card fields they fill, below the user's model-card.yml and above
 * the defaults. Converters and training scripts write these keys by many names; a key matches
 * whatever its case and separators (`Model-Name`, `model name` and `model_name` are one key), and
 * when several names of one field are present, the first in this table wins:
 *
 * | card field                                   | metadata_props keys                           |
 * | -------------------------------------------- | --------------------------------------------- |
 * | model_details.name                           | name, model_name, title                       |
 * | model_details.version                        | version, model_version                        |
 * | model_details.license                        | license, licence                              |
 * | model_details.owners                         | owners, owner, authors, author                |
 * | model_details.references                     | references, reference, url, homepage, repository |
 * | model_details.date                           | date, created, creation_date, created_at      |
 * | model_details.overview                       | overview, description, summary                |
 * | model_parameters.architecture                | architecture, model_architecture, model_type  |
 * | model_parameters.training_data.reference     | training_data, training_dataset, dataset      |
 * | model_parameters.training_data.sha256        | training_data_sha256, training_sha256, dataset_sha256 |
 * | considerations.intended_use                  | intended_use, intended_uses                   |
 * | considerations.limitations                   | limitations, limitation                       |
 * | considerations.users                         | users, intended_users                         |
 * | considerations.use_cases                     | use_cases                                     |
 * | considerations.ethical_considerations (names)| ethical_considerations, risks                 |
 *
 * Values are text. A list field takes a JSON array of strings, or one item per line; owners and
 * references are also split on `,` and `;` (references on spaces too), and an owner written
 * `Name <contact>` or `Name (contact)` gets a contact. A date keeps the day of an ISO date-time.
 * A value that cannot be what its field holds (a date that is not a date, a hash that is not
 * 64 hex digits) or that is blank is skipped: the model file is not the user's to fix here.
 */
import { isIsoDate, isSha256, type ModelCard } from './schema.js';

type Owner = ModelCard['model_details']['owners'][number];
type Risk = ModelCard['considerations']['ethical_considerations'][number];

/** The card fields found in the metadata; absent when no key gave a usable value. */
export interface MetadataFields {
  name?: string;
  version?: string;
  license?: string;
  owners?: Owner[];
  references?: string[];
  date?: string;
  overview?: string;
  architecture?: string;
  training_reference?: string;
  training_sha256?: string;
  intended_use?: string[];
  limitations?: string[];
  users?: string[];
  use_cases?: string[];
  ethical_considerations?: Risk[];
}

const KEYS: { readonly [F in keyof MetadataFields]-?: readonly string[] } = {
  name: ['name', 'model_name', 'title'],
  version: ['version', 'model_version'],
  license: ['license', 'licence'],
  owners: ['owners', 'owner', 'authors', 'author'],
  references: ['references', 'reference', 'url', 'homepage', 'repository'],
  date: ['date', 'created', 'creation_date', 'created_at'],
  overview: ['overview', 'description', 'summary'],
  architecture: ['architecture', 'model_architecture', 'model_type'],
  training_reference: ['training_data', 'training_dataset', 'dataset'],
  training_sha256: ['training_data_sha256', 'training_sha256', 'dataset_sha256'],
  intended_use: ['intended_use', 'intended_uses'],
  limitations: ['limitations', 'limitation'],
  users: ['users', 'intended_users'],
  use_cases: ['use_cases'],
  ethical_considerations: ['ethical_considerations', 'risks'],
};

function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_');
}

/** A JSON array of strings, else one item per line (and per `separators`), blanks dropped. */
function items(value: string, separators: RegExp = /\r?\n/): string[] {
  if (value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
        return parsed.map((item) => item.trim()).filter((item) => item !== '');
      }
    } catch {
      // Not JSON: read as text.
    }
  }
  return value
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function owner(text: string): Owner {
  const match = /^(.*?)\s*(?:<([^>]*)>|\(([^)]*)\))$/.exec(text);
  const name = match?.[1]?.trim();
  const contact = (match?.[2] ?? match?.[3])?.trim();
  if (name && contact) return { name, contact };
  return { name: text };
}

function day(text: string): string | undefined {
  const head = text.slice(0, 10);
  return isIsoDate(head) && (text.length === 10 || text[10] === 'T' || text[10] === ' ')
    ? head
    : undefined;
}

function only<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** The card fields `metadata` (a model's metadata_props) gives, by the table above. */
export function fieldsFromMetadata(metadata: Readonly<Record<string, string>>): MetadataFields {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(metadata)) {
    const normal = normalizeKey(key);
    if (!values.has(normal) && value.trim() !== '') values.set(normal, value.trim());
  }
  const text = (field: keyof MetadataFields): string | undefined => {
    for (const key of KEYS[field]) {
      const value = values.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const found: MetadataFields = {};
  const set = <F extends keyof MetadataFields>(field: F, value: MetadataFields[F] | undefined) => {
    if (value !== undefined) found[field] = value;
  };
  const list = (field: keyof MetadataFields, separators?: RegExp) => {
    const value = text(field);
    return value === undefined ? undefined : only(items(value, separators));
  };
  set('name', text('name'));
  set('version', text('version'));
  set('license', text('license'));
  set('owners', list('owners', /[\r\n,;]+/)?.map(owner));
  set('references', list('references', /[\s,;]+/));
  const date = text('date');
  set('date', date === undefined ? undefined : day(date));
  set('overview', text('overview'));
  set('architecture', text('architecture'));
  set('training_reference', text('training_reference'));
  const sha = text('training_sha256');
  set('training_sha256', sha !== undefined && isSha256(sha) ? sha.toLowerCase() : undefined);
  set('intended_use', list('intended_use'));
  set('limitations', list('limitations'));
  set('users', list('users'));
  set('use_cases', list('use_cases'));
  set(
    'ethical_considerations',
    list('ethical_considerations')?.map((name) => ({ name })),
  );
  return found;
}
