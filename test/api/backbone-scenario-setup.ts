/**
 * What the backbone scenario (backbone-scenario.spec.ts) needs from a backbone: the tenant's `backbone` settings,
 * the seeded organisation and KLE data, and the case index entry read back as the backbone holds it. One setup per
 * backbone (LoRA now; KOMBIT's fake støttesystemer beside it), with the same scenario body.
 */
export interface BackboneScenarioSetup {
  readonly name: string;
  /**
   * Starts what the backbone needs and answers the tenant's `backbone` connector settings. `engineUrl` is the
   * engine's own base URL (known before it starts; the LoRA backbone is the engine's `/lora`).
   */
  start(engineUrl: string): Promise<Record<string, unknown>>;
  /** Seeds, once the engine runs: the unit `ansvarlig` for KLE 27.24.00, its manager, the KLE emne and G01. */
  seed(): Promise<SeededBackbone>;
  /** The case index entry (and the documents journalised on it) as the backbone holds it. */
  indexedCase(sagUuid: string): Promise<IndexedCase>;
  stop(): Promise<void>;
}

export interface SeededBackbone {
  /** The unit responsible (ansvarlig) for KLE 27.24.00. */
  unitUuid: string;
  unitName: string;
  managerUuid: string;
  /** The manager's user id (brugervendtnoegle): the assignee of the approval. */
  managerUserId: string;
  /** The KLE emne klasse 27.24.00. */
  kleUuid: string;
  /** The handlingsfacet klasse G01 (in the facet `kle_handlingsfacet`). */
  handlingsfacetUuid: string;
}

export interface IndexedCase {
  titel: string;
  primaerklasse: string;
  handlingsfacet: string;
  ansvarlig: string;
  primaerpart: string;
  documents: Array<{ uuid: string; titel: string }>;
}
