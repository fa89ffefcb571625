import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { toApiError, type ApiError } from '../lib/api.ts';
import { ErrorAlert } from './error-alert.tsx';

/** Asks before DELETE connection: syncing stops and HubSpot's access is revoked. */
export function UninstallDialog({
  opened,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Uninstall the HubSpot integration?"
      centered
      data-testid="uninstall-dialog"
    >
      <Stack>
        <Text size="sm">
          Syncing stops for contacts and companies and the integration’s access to HubSpot is revoked. Your
          configuration and the audit log are kept; records already synced stay as they are.
        </Text>
        {error !== undefined && <ErrorAlert title="Could not uninstall" error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={busy} data-testid="confirm-uninstall">
            Uninstall
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
