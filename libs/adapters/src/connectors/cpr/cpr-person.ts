/**
 * From SF1520's PersonLookupResponse to the fields a process asked for. Each field is read only when requested, so
 * nothing else of the person's record reaches process variables.
 */
import { childElement, childElements, childText, type XmlNode } from '../../xml/safe-xml.js';

/** The fields a CPR lookup can return; a task asks for the ones it needs. */
export const CPR_FIELDS = [
  'name',
  'address',
  'civilStatus',
  'guardian',
  'parentalAuthority',
  'status',
  'birthDate',
  'gender',
  'protection',
  'digitalPost',
] as const;

export type CprField = (typeof CPR_FIELDS)[number];

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Fields = { [key: string]: Json };

/** CPR's civilstand codes. */
const CIVIL_STATUS: Readonly<Record<string, string>> = {
  U: 'unmarried',
  G: 'married',
  F: 'divorced',
  E: 'widowed',
  P: 'registeredPartnership',
  O: 'dissolvedPartnership',
  L: 'longestLivingPartner',
  D: 'deceased',
};

/** CPR's foraeldremyndighedtype codes. */
const AUTHORITY_HOLDER: Readonly<Record<string, string>> = {
  '3': 'mother',
  '4': 'father',
  '5': 'other',
  '6': 'other',
};

/** CPR's status codes that mean an active person. */
const ACTIVE_STATUS = new Set(['1', '3', '5', '7']);

/** Leaves out fields that are absent, so a variable holds what CPR said and nothing made up. */
function compact(fields: Record<string, Json | undefined>): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Fields;
}

function dateOf(node: XmlNode | undefined): string | undefined {
  const date = childText(node, 'dato');
  return date === undefined || date === '' ? undefined : date;
}

function booleanOf(text: string | undefined): boolean | undefined {
  return text === undefined ? undefined : text === 'true' || text === '1';
}

function textOf(node: XmlNode | undefined, name: string): string | undefined {
  const text = childText(node, name);
  return text === undefined || text === '' ? undefined : text;
}

const readers: Readonly<Record<CprField, (response: XmlNode) => Json | undefined>> = {
  name(response) {
    const name = childElement(childElement(response, 'persondata'), 'navn');
    if (!name) return undefined;
    return compact({
      addressingName: textOf(name, 'personadresseringsnavn'),
      firstName: textOf(name, 'fornavn'),
      middleName: textOf(name, 'mellemnavn'),
      lastName: textOf(name, 'efternavn'),
    });
  },
  address(response) {
    const address = childElement(childElement(response, 'adresse'), 'aktuelAdresse');
    if (!address) return undefined;
    return compact({
      street: textOf(address, 'vejnavn'),
      houseNumber: textOf(address, 'husnummer'),
      floor: textOf(address, 'etage'),
      door: textOf(address, 'sidedoer'),
      coName: textOf(address, 'conavn'),
      locality: textOf(address, 'lokalitet'),
      postalCode: textOf(address, 'postnummer'),
      city: textOf(address, 'postdistrikt'),
      standardAddress: textOf(address, 'standardadresse'),
      municipalityCode: textOf(address, 'kommunekode'),
      movedInAt: dateOf(childElement(address, 'tilflytningsdato')),
    });
  },
  civilStatus(response) {
    const civil = childElement(childElement(response, 'persondata'), 'civilstand');
    const code = textOf(civil, 'civilstand');
    if (code === undefined) return undefined;
    return compact({
      code,
      status: CIVIL_STATUS[code] ?? 'unknown',
      since: dateOf(childElement(civil, 'civilstandsdato')),
    });
  },
  guardian(response) {
    const guardianship = childElement(childElement(response, 'persondata'), 'umyndiggoerelse');
    if (!guardianship) return { underGuardianship: false };
    return compact({
      underGuardianship: booleanOf(textOf(guardianship, 'umyndiggjort')) ?? true,
      since: dateOf(childElement(guardianship, 'umyndiggoerelseStartdato')),
      guardianName: textOf(guardianship, 'relationVaergenavn'),
      guardianCprNumber: textOf(guardianship, 'relationPersonnummer'),
    });
  },
  parentalAuthority(response) {
    return childElements(childElement(response, 'relationer'), 'foraeldremyndighed').map((authority) =>
      compact({
        holder: AUTHORITY_HOLDER[textOf(authority, 'foraeldremyndighedtype') ?? ''] ?? 'other',
        cprNumber: textOf(authority, 'relationPersonnummer'),
        since: dateOf(childElement(authority, 'foraeldremyndighedStartdato')),
      }),
    );
  },
  status(response) {
    const status = childElement(childElement(response, 'persondata'), 'status');
    const code = textOf(status, 'status');
    if (code === undefined) return undefined;
    return compact({
      code: Number(code),
      active: ACTIVE_STATUS.has(code),
      since: dateOf(childElement(status, 'statusdato')),
    });
  },
  birthDate(response) {
    return dateOf(childElement(childElement(response, 'persondata'), 'foedselsdato'));
  },
  gender(response) {
    const gender = textOf(childElement(response, 'persondata'), 'koen');
    return gender === 'K' ? 'female' : gender === 'M' ? 'male' : undefined;
  },
  protection(response) {
    const person = childElement(response, 'persondata');
    const protectedBy = (name: string): boolean =>
      booleanOf(textOf(childElement(person, name), 'beskyttet')) ?? false;
    return {
      address: protectedBy('adressebeskyttelse'),
      directory: protectedBy('vejviserbeskyttelse'),
      marketing: protectedBy('markedsfoeringsbeskyttelse'),
    };
  },
  digitalPost(response) {
    const person = childElement(response, 'persondata');
    return compact({
      digitalPost: booleanOf(textOf(person, 'tilmeldtDigitalpost')),
      nemSms: booleanOf(textOf(person, 'tilmeldtNemsms')),
    });
  },
};

/** Whether the answer describes a person at all (SF1520 answers an unknown CPR number with an empty record). */
export function describesAPerson(response: XmlNode): boolean {
  return childElement(response, 'persondata') !== undefined;
}

/** The requested fields of the person in `response`, each once; a field CPR has nothing for is left out. */
export function personFields(response: XmlNode, fields: readonly CprField[]): Fields {
  const person: Record<string, Json | undefined> = {};
  for (const field of new Set(fields)) person[field] = readers[field](response);
  return compact(person);
}
