// One organization's configuration page: the HubSpot connection, then the Companies, Contacts
// and Audit log tabs. Only the open tab is rendered; the drafts live here so they survive a
// switch of tabs.
import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import type { ObjectName } from '../../contracts/api.ts';
import { useConnection } from '../hooks/use-connection.ts';
import { useObjectEditor } from '../hooks/use-object-editor.ts';
import { AuditLog } from './audit-log.tsx';
import { ConnectionCard } from './connection-card.tsx';
import { ObjectTab, ObjectTabLabel } from './object-tab.tsx';

type TabName = ObjectName | 'audit';

export function OrgPage({ org }: { org: string }) {
  const connection = useConnection(org);
  const companies = useObjectEditor(org, 'companies');
  const contacts = useObjectEditor(org, 'contacts');
  const [tab, setTab] = useState<TabName>('companies');
  return (
    <Stack gap="lg">
      <ConnectionCard connection={connection} />
      <Tabs
        value={tab}
        onChange={(value) => value !== null && setTab(value as TabName)}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List aria-label="Configuration sections">
          <Tabs.Tab value="companies" data-testid="tab-companies">
            <ObjectTabLabel editor={companies} />
          </Tabs.Tab>
          <Tabs.Tab value="contacts" data-testid="tab-contacts">
            <ObjectTabLabel editor={contacts} />
          </Tabs.Tab>
          <Tabs.Tab value="audit" data-testid="tab-audit">
            Audit log
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="companies" pt="lg">
          <ObjectTab org={org} editor={companies} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="lg">
          <ObjectTab org={org} editor={contacts} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="lg">
          <AuditLog org={org} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
