import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { LanguageSwitch } from '../language-switch.tsx';
import { SkipLink } from './skip-link.tsx';

type AuthLayoutProps = {
  title: string;
  titleId: string;
  intro?: ReactNode;
  children: ReactNode;
  width?: number;
};

/** The frame of the login and setup pages: product name, language menu, one card. */
export function AuthLayout({ title, titleId, intro, children, width = 420 }: AuthLayoutProps) {
  usePageTitle(title);
  return (
    <Box className="auth-page">
      <SkipLink />
      <Group component="header" justify="space-between" px="md" py="sm">
        <Text fw={800} fz="lg" c="teal.8">
          art28
        </Text>
        <LanguageSwitch />
      </Group>
      <Center component="main" id="main-content" tabIndex={-1} px="md" pb="xl">
        <Paper withBorder shadow="xs" p="xl" radius="md" w="100%" maw={width}>
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1} fz="h2" id={titleId}>
                {title}
              </Title>
              {intro ? (
                <Text size="sm" c="dimmed">
                  {intro}
                </Text>
              ) : null}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
