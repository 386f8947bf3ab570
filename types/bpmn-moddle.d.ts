// bpmn-moddle ships no types for its main entry; this is the part of its surface the core uses.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    $parent?: ModdleElement;
    $attrs?: Record<string, string>;
    id?: string;
    name?: string;
    get(name: string): unknown;
    [key: string]: unknown;
  }
  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: unknown;
    error?: Error;
  }
  export interface ParseResult {
    rootElement: ModdleElement & { rootElements: ModdleElement[] };
    warnings: ParseWarning[];
    references: Array<{ element: ModdleElement; property: string; id: string }>;
    elementsById: Record<string, ModdleElement>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  }
}
