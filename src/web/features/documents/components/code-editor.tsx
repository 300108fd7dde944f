import { Box, Textarea } from '@mantine/core';
import {
  type CSSProperties,
  type ReactNode,
  type Ref,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

export type CodeEditorHandle = {
  /** Puts the cursor at the start of that line (1-based), selects the line and scrolls it into view. */
  goToLine: (line: number) => void;
  /** Inserts text at the cursor; a block goes on a line of its own. */
  insert: (text: string, block: boolean) => void;
};

type Props = {
  ref?: Ref<CodeEditorHandle>;
  label: ReactNode;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  /** Lines (1-based) to mark, e.g. those with an error. */
  markedLines?: ReadonlySet<number>;
  onCursor?: (position: { line: number; column: number }) => void;
  height?: CSSProperties['height'];
};

const gutter = 48;
const lineHeight = 20;

type Metrics = { top: number; left: number; width: number; font: CSSProperties };

function lineStart(lines: string[], line: number): number {
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i += 1) {
    offset += lines[i]!.length + 1;
  }
  return offset;
}

function positionOf(value: string, offset: number) {
  const before = value.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * A plain textarea (the browser's own editing, undo and accessibility) with line numbers beside it. Lines wrap, so
 * the numbers come from an invisible copy of the text laid out exactly like the textarea and scrolled with it.
 */
export function CodeEditor({
  ref,
  label,
  description,
  value,
  onChange,
  readOnly,
  markedLines,
  onCursor,
  height = '65vh',
}: Props) {
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const mirror = useRef<HTMLDivElement | null>(null);
  const pendingSelection = useRef<number | null>(null);
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [cursorLine, setCursorLine] = useState(1);
  const lines = value.split('\n');

  // The copy must wrap where the textarea wraps: same font, same content width (without its scrollbar).
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) {
      return;
    }
    const measure = () => {
      const style = getComputedStyle(element);
      const px = (v: string) => Number.parseFloat(v) || 0;
      setMetrics({
        top: px(style.borderTopWidth) + px(style.paddingTop),
        left: px(style.borderLeftWidth) + px(style.paddingLeft),
        width: element.clientWidth - px(style.paddingLeft) - px(style.paddingRight),
        font: {
          fontFamily: style.fontFamily,
          fontSize: style.fontSize,
          lineHeight: style.lineHeight,
          letterSpacing: style.letterSpacing,
          tabSize: style.tabSize as CSSProperties['tabSize'],
        },
      });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // After an insertion the cursor goes right behind the inserted text.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (element && pendingSelection.current !== null) {
      element.focus();
      element.setSelectionRange(pendingSelection.current, pendingSelection.current);
      pendingSelection.current = null;
    }
  });

  const report = () => {
    const element = textarea.current;
    if (!element) {
      return;
    }
    const position = positionOf(element.value, element.selectionStart);
    setCursorLine(position.line);
    onCursor?.(position);
  };

  useImperativeHandle(ref, () => ({
    goToLine(line) {
      const element = textarea.current;
      if (!element) {
        return;
      }
      const target = Math.min(Math.max(1, line), lines.length);
      const start = lineStart(lines, target);
      element.focus();
      element.setSelectionRange(start, start + (lines[target - 1]?.length ?? 0));
      const row = mirror.current?.querySelector<HTMLElement>(`[data-line="${target}"]`);
      if (row) {
        element.scrollTop = Math.max(0, row.offsetTop - element.clientHeight / 3);
      }
      report();
    },
    insert(text, block) {
      const element = textarea.current;
      if (!element || readOnly) {
        return;
      }
      const start = element.selectionStart;
      const end = element.selectionEnd;
      let inserted = text;
      if (block) {
        const atLineStart = start === 0 || value[start - 1] === '\n';
        const atLineEnd = end >= value.length || value[end] === '\n';
        inserted = `${atLineStart ? '' : '\n'}${text}${atLineEnd ? '' : '\n'}`;
      }
      pendingSelection.current = start + inserted.length;
      onChange(value.slice(0, start) + inserted + value.slice(end));
    },
  }));

  return (
    <Textarea
      label={label}
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      readOnly={readOnly}
      ref={textarea}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onSelect={report}
      onKeyUp={report}
      onClick={report}
      styles={{
        input: {
          height,
          fontFamily: 'var(--mantine-font-family-monospace)',
          fontSize: 13,
          lineHeight: `${lineHeight}px`,
          paddingLeft: gutter + 10,
          paddingTop: 8,
          paddingBottom: 8,
          resize: 'vertical',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'break-word',
        },
      }}
      inputContainer={(children) => (
        <Box pos="relative">
          {children}
          <Box
            aria-hidden
            pos="absolute"
            style={{
              inset: 0,
              pointerEvents: 'none',
              overflow: 'hidden',
              borderRadius: 'var(--mantine-radius-sm)',
            }}
          >
            <Box
              pos="absolute"
              top={1}
              bottom={1}
              left={1}
              w={gutter}
              bg="var(--mantine-color-gray-0)"
              style={{ borderRight: '1px solid var(--mantine-color-gray-3)' }}
            />
            {metrics ? (
              <div
                ref={mirror}
                style={{
                  position: 'absolute',
                  top: metrics.top,
                  left: metrics.left,
                  width: metrics.width,
                  transform: `translateY(${-scrollTop}px)`,
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'break-word',
                  ...metrics.font,
                }}
              >
                {lines.map((text, index) => {
                  const n = index + 1;
                  const marked = markedLines?.has(n);
                  return (
                    <div
                      key={n}
                      data-line={n}
                      style={{
                        position: 'relative',
                        minHeight: lineHeight,
                        background: marked ? 'rgba(250, 82, 82, 0.12)' : undefined,
                      }}
                    >
                      <span
                        style={{
                          position: 'absolute',
                          left: -metrics.left + 1,
                          width: gutter - 8,
                          textAlign: 'right',
                          color: marked
                            ? 'var(--mantine-color-red-8)'
                            : n === cursorLine
                              ? 'var(--mantine-color-dark-6)'
                              : 'var(--mantine-color-gray-6)',
                          fontWeight: marked || n === cursorLine ? 700 : 400,
                          fontSize: 12,
                        }}
                      >
                        {n}
                      </span>
                      <span style={{ color: 'transparent' }}>{text || ' '}</span>
                    </div>
                  );
                })}
              </div>
            ) : null}
          </Box>
        </Box>
      )}
    />
  );
}
