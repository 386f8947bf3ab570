// dmn-moddle ships no types for its main entry; this is the part of its surface the DMN module uses.
declare module 'dmn-moddle' {
  export interface DmnModdleElement {
    $type: string;
    $attrs?: Record<string, string>;
    id?: string;
    name?: string;
    get(name: string): unknown;
    [key: string]: unknown;
  }
  export interface DmnParseWarning {
    message: string;
    element?: DmnModdleElement;
    error?: Error;
  }
  export interface DmnParseResult {
    rootElement: DmnModdleElement;
    warnings: DmnParseWarning[];
    elementsById: Record<string, DmnModdleElement>;
  }
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<DmnParseResult>;
  }
}
