import { Button, Group, Stack, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import {
  type DataTableColumn,
  type DataTablePaginationProps,
  type DataTableRowExpansionProps,
  type DataTableSortProps,
  type DataTableSortStatus,
  getValueAtPath,
  DataTable as MantineDataTable,
} from 'mantine-datatable';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvCell, downloadText, toCsv } from '../lib/csv.ts';

export type TableColumn<T> = DataTableColumn<T> & {
  title: string;
  /** The plain value used to sort, to search and to export (defaults to the accessor's raw value). */
  value?: (record: T) => CsvCell;
  /** Leave the column out of the CSV export (action buttons). */
  exportable?: boolean;
  /** Keep the title for screen readers only (narrow icon columns). */
  titleHidden?: boolean;
};

export type ServerPaging = {
  page: number;
  onPageChange: (page: number) => void;
  totalRecords: number | undefined;
  recordsPerPage: number;
  onRecordsPerPageChange: (size: number) => void;
};

export type { DataTableSortStatus };

type DataTableProps<T> = {
  /** Accessible name of the table. */
  label: string;
  columns: TableColumn<T>[];
  records: T[] | undefined;
  idAccessor?: keyof T & string;
  fetching?: boolean;
  noRecordsText?: string;
  /** Client mode: a free-text filter over all columns. */
  searchable?: boolean;
  /** Client mode: the file name of the CSV export (the button is shown when set). */
  csvFileName?: string;
  /** Server mode: a link to the server's CSV export with the same filters. */
  exportHref?: string;
  initialSort?: DataTableSortStatus<T>;
  /** Server mode: sorting and paging happen on the server. */
  sortStatus?: DataTableSortStatus<T>;
  onSortStatusChange?: (status: DataTableSortStatus<T>) => void;
  paging?: ServerPaging;
  toolbar?: ReactNode;
  rowExpansion?: DataTableRowExpansionProps<T>;
  /** Keep the first column (what identifies a row) in view while a wide table scrolls sideways. */
  pinFirstColumn?: boolean;
};

const clientPageSize = 25;
const pageSizes = [25, 50, 100, 200];

function plainValue<T>(column: TableColumn<T>, record: T): CsvCell {
  if (column.value) {
    return column.value(record);
  }
  const raw = getValueAtPath(record, String(column.accessor)) as unknown;
  if (raw === null || raw === undefined) {
    return null;
  }
  return typeof raw === 'object' ? JSON.stringify(raw) : (raw as CsvCell);
}

function compare(a: CsvCell, b: CsvCell): number {
  if (a === b) {
    return 0;
  }
  if (a === null || a === undefined || a === '') {
    return 1;
  }
  if (b === null || b === undefined || b === '') {
    return -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * The app's table: mantine-datatable with translated texts, keyboard-sortable headers that announce their
 * sort state, an optional text filter and a CSV export. Client mode (small lists) filters, sorts and pages
 * in the browser; server mode (`paging`) leaves that to the API.
 */
export function DataTable<T>({
  label,
  columns,
  records,
  idAccessor,
  fetching,
  noRecordsText,
  searchable,
  csvFileName,
  exportHref,
  initialSort,
  sortStatus: controlledSort,
  onSortStatusChange,
  paging,
  toolbar,
  rowExpansion,
  pinFirstColumn,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 200);
  const [localSort, setLocalSort] = useState<DataTableSortStatus<T> | undefined>(initialSort);
  const [localPage, setLocalPage] = useState(1);
  const serverMode = Boolean(paging);
  const tableRef = useRef<HTMLTableElement | null>(null);

  // mantine-datatable labels its sort icons in English ("Sorted descending", "Not sorted"); the header text
  // already carries the sort state in the user's language, so the icons are hidden from assistive technology.
  useEffect(() => {
    for (const icon of tableRef.current?.querySelectorAll('thead [role="img"][aria-label]') ?? []) {
      icon.setAttribute('aria-hidden', 'true');
    }
  });
  const sortStatus = serverMode ? controlledSort : localSort;

  const visible = useMemo(() => {
    if (serverMode || !records) {
      return records ?? [];
    }
    const needle = debouncedSearch.trim().toLocaleLowerCase();
    let rows = needle
      ? records.filter((record) =>
          columns.some((column) =>
            String(plainValue(column, record) ?? '')
              .toLocaleLowerCase()
              .includes(needle),
          ),
        )
      : [...records];
    if (localSort) {
      const column = columns.find((c) => c.accessor === localSort.columnAccessor);
      if (column) {
        const direction = localSort.direction === 'asc' ? 1 : -1;
        rows = rows.sort((a, b) => direction * compare(plainValue(column, a), plainValue(column, b)));
      }
    }
    return rows;
  }, [serverMode, records, debouncedSearch, columns, localSort]);

  const clientPaged = !serverMode && visible.length > clientPageSize;
  const lastPage = Math.max(1, Math.ceil(visible.length / clientPageSize));
  const page = Math.min(localPage, lastPage);
  const shown = clientPaged ? visible.slice((page - 1) * clientPageSize, page * clientPageSize) : visible;

  const tableColumns: DataTableColumn<T>[] = columns.map(
    ({ title, value: _value, exportable: _exportable, titleHidden, ...column }) => {
      const sorted = sortStatus?.columnAccessor === column.accessor ? sortStatus.direction : undefined;
      return {
        ...(column as DataTableColumn<T>),
        title: (
          <>
            {titleHidden ? <VisuallyHidden>{title}</VisuallyHidden> : title}
            {column.sortable ? (
              <VisuallyHidden>
                {sorted === 'asc'
                  ? t('table.sortedAsc')
                  : sorted === 'desc'
                    ? t('table.sortedDesc')
                    : t('table.sortable')}
              </VisuallyHidden>
            ) : null}
          </>
        ),
      };
    },
  );

  const sortProps: DataTableSortProps<T> = sortStatus
    ? {
        sortStatus,
        onSortStatusChange: (status) => {
          if (serverMode) {
            onSortStatusChange?.(status);
          } else {
            setLocalSort(status);
            setLocalPage(1);
          }
        },
      }
    : {};

  const texts = {
    loadingText: t('common.loading'),
    paginationText: ({ from, to, totalRecords }: { from: number; to: number; totalRecords: number }) =>
      t('table.pagination', { from, to, total: totalRecords }),
    getPaginationControlProps: (control: 'first' | 'last' | 'previous' | 'next') => ({
      'aria-label': t(`table.${control}Page`),
    }),
    getPaginationItemProps: (n: number) => ({ 'aria-label': t('table.page', { page: n }) }),
  };

  const paginationProps: DataTablePaginationProps = paging
    ? {
        ...texts,
        page: paging.page,
        onPageChange: paging.onPageChange,
        totalRecords: paging.totalRecords,
        recordsPerPage: paging.recordsPerPage,
        onRecordsPerPageChange: paging.onRecordsPerPageChange,
        recordsPerPageOptions: pageSizes,
        recordsPerPageLabel: t('table.perPage'),
      }
    : clientPaged
      ? {
          ...texts,
          page,
          onPageChange: setLocalPage,
          totalRecords: visible.length,
          recordsPerPage: clientPageSize,
        }
      : {};

  const exportCsv = () => {
    const exported = columns.filter((column) => column.exportable !== false);
    const rows = visible.map((record) => exported.map((column) => plainValue(column, record)));
    downloadText(
      csvFileName ?? 'export.csv',
      toCsv(
        exported.map((column) => column.title),
        rows,
      ),
    );
  };

  const showToolbar = searchable || csvFileName || exportHref || toolbar;

  return (
    <Stack gap="xs">
      {showToolbar ? (
        <Group justify="space-between" align="flex-end" gap="xs" wrap="wrap">
          <Group gap="xs" align="flex-end" wrap="wrap">
            {searchable ? (
              <TextInput
                aria-label={t('table.search')}
                placeholder={t('table.search')}
                leftSection={<IconSearch size={16} aria-hidden />}
                value={search}
                onChange={(event) => {
                  setSearch(event.currentTarget.value);
                  setLocalPage(1);
                }}
                w={260}
                size="sm"
              />
            ) : null}
            {toolbar}
          </Group>
          {csvFileName ? (
            <Button
              variant="default"
              size="sm"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={exportCsv}
              disabled={visible.length === 0}
            >
              {t('table.exportCsv')}
            </Button>
          ) : null}
          {exportHref ? (
            <Button
              component="a"
              href={exportHref}
              download
              variant="default"
              size="sm"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('table.exportCsv')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      <MantineDataTable<T>
        aria-label={label}
        tableRef={(element) => {
          tableRef.current = element;
        }}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalAlign="top"
        minHeight={shown.length === 0 ? 160 : undefined}
        horizontalSpacing="sm"
        fz="sm"
        columns={tableColumns}
        records={shown}
        idAccessor={idAccessor ?? 'id'}
        fetching={fetching}
        noRecordsText={noRecordsText ?? t('table.noRecords')}
        rowExpansion={rowExpansion}
        pinFirstColumn={pinFirstColumn}
        {...sortProps}
        {...paginationProps}
      />
    </Stack>
  );
}
