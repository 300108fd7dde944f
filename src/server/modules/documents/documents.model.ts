// The one document model every generated document is built in (the DPA with its annexes, a customer's record of
// processing, later notices and declarations) and both renderers read (documents.pdf.ts → pdfmake,
// documents.docx.ts → docx). Builders never think about PDF or Word; renderers never know what a DPA is. It is
// plain data (JSON-serialisable), so the same inputs give the same model, and so the same file bytes.

export type Inline =
  | string
  | {
      text: string;
      bold?: boolean;
      italics?: boolean;
      // A defined term of the agreement (seed article 1), shown in bold where it is defined.
      term?: boolean;
    };

export type TableColumn = {
  header: string;
  // Relative width; columns without one share the rest equally.
  width?: number;
};

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; pageBreakBefore?: boolean }
  | { kind: 'paragraph'; content: Inline[]; style?: 'normal' | 'small' | 'muted' }
  // A numbered clause of an article: "3.4 De Verwerker …". The number is text, not computed, so a clause keeps
  // the number the agreement gives it.
  | { kind: 'clause'; number: string; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  // Tables repeat their header row on every page they run over (issue 6).
  | { kind: 'table'; caption?: string; columns: TableColumn[]; rows: string[][] }
  // Label/value pairs, e.g. the parties' details.
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'signatures'; parties: SignatureParty[] }
  | { kind: 'pageBreak' };

export type SignatureParty = {
  // "Verantwoordelijke" / "Verwerker"
  role: string;
  organisation: string;
  // Pre-filled where known; an empty string leaves a line to write on.
  name: string;
  title: string;
  place: string;
  date: string;
};

export type DocumentModel = {
  language: 'nl' | 'en';
  title: string;
  // Document properties (PDF info, Word core properties).
  subject: string;
  author: string;
  // Fixed, from the inputs (not the wall clock): the same inputs must give the same bytes.
  createdAt: string;
  header: {
    // Text at the left of every page header, e.g. the processor's name; the logo sits before it when present.
    text: string;
    logo: { mime: 'image/png' | 'image/jpeg'; dataBase64: string } | null;
  };
  // "Vertrouwelijk" / "Confidential", printed in every page header.
  marking: string;
  // Footer with page numbers; {page} and {pages} are replaced: "Pagina {page} van {pages}".
  footer: string;
  blocks: Block[];
};
