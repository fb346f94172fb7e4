import { Alert, Anchor, Button, Card, Image, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Answer } from '../../api';
import { businessToday } from '../../calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dateTime } from '../../format';
import { MySecretBallots } from './MyBallot';

type MyMeeting = Answer<'/api/v1/orgs/{orgId}/me/rat'>['items'][number];

/** "Sabtu, 14 Maret 2026": the day in words, as an invitation letter writes it. */
function dayInWords(isoDate: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The member's QR code as an SVG image (drawn in the browser; the code never leaves the page). */
function QrImage({ text, alt }: { text: string; alt: string }) {
  const q = useQuery({
    queryKey: ['qr-svg', text],
    queryFn: () => QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
    staleTime: Infinity,
  });
  if (!q.data) return null;
  return (
    <Image
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(q.data)}`}
      alt={alt}
      w={240}
      h={240}
      bg="white"
      data-testid="my-rat-qr"
    />
  );
}

/**
 * The member's RAT in the portal (issue 17 item 6): the invitation in plain words (the day, the
 * time, the place or the link), the QR code to show at the door, "Saya hadir (daring)" on the day
 * of an online or hybrid meeting, and the check-in once made; then the secret ballots of the meeting
 * (MyBallot.tsx). Large text for a phone in daylight.
 */
export function MyRatCard({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const mine = useQuery({
    queryKey: ['me-rat', orgId],
    queryFn: () =>
      unwrap(client.GET('/api/v1/orgs/{orgId}/me/rat', { params: { path: { orgId } } })),
    retry: false,
  });
  // the meetings still to come or going on, nearest first
  const items = (mine.data?.items ?? [])
    .filter((m) => m.status === 'planned' || m.status === 'open')
    .sort((a, b) => a.scheduledOn.localeCompare(b.scheduledOn));
  if (items.length === 0) return null;
  return (
    <>
      {items.map((m) => (
        <Invitation key={m.id} orgId={orgId} m={m} lang={i18n.language} t={t} />
      ))}
    </>
  );
}

function Invitation({
  orgId,
  m,
  lang,
  t,
}: {
  orgId: string;
  m: MyMeeting;
  lang: string;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  const qc = useQueryClient();
  const checkIn = useMutation({
    mutationFn: () =>
      unwrap(
        client.POST('/api/v1/orgs/{orgId}/me/rat/{meetingId}/check-in', {
          params: { path: { orgId, meetingId: m.id } },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['me-rat', orgId] });
      // the secret ballots of the meeting: checked in now, so the member may vote
      void qc.invalidateQueries({ queryKey: ['me-rat-ballot', orgId] });
    },
  });
  const today = businessToday();
  const isToday = m.scheduledOn === today;
  const onTheDay = today >= m.scheduledOn;
  const online = m.mode !== 'in-person';
  const inPerson = m.mode !== 'online';
  return (
    <Card withBorder padding="lg" data-testid="my-rat" style={{ borderWidth: 2 }}>
      <Stack gap="md">
        <Text fw={700} fz={24} component="h2" lh={1.25}>
          {t('ratMeeting.portal.title')}
        </Text>
        <Text fz={18}>{t('ratMeeting.portal.invite', { title: m.title })}</Text>
        <div>
          <Text fz={16} fw={600}>
            {t('ratMeeting.portal.when')}
          </Text>
          <Text fz={20} fw={700} data-testid="my-rat-date">
            {dayInWords(m.scheduledOn, lang)}
            {isToday ? ` (${t('ratMeeting.portal.today')})` : ''}
          </Text>
        </div>
        <div>
          <Text fz={16} fw={600}>
            {t('ratMeeting.portal.time')}
          </Text>
          <Text fz={20} fw={700}>
            {t('ratMeeting.portal.timeValue', { time: m.startsAt })}
          </Text>
        </div>
        {inPerson && m.location && (
          <div>
            <Text fz={16} fw={600}>
              {t('ratMeeting.portal.where')}
            </Text>
            <Text fz={20} fw={700} data-testid="my-rat-place">
              {m.location}
            </Text>
          </div>
        )}
        {online && m.onlineUrl && (
          <div>
            <Text fz={16} fw={600}>
              {t('ratMeeting.portal.online')}
            </Text>
            <Anchor
              href={m.onlineUrl}
              target="_blank"
              rel="noreferrer"
              fz={18}
              fw={700}
              td="underline"
              style={{ wordBreak: 'break-all' }}
              data-testid="my-rat-link"
            >
              {t('ratMeeting.portal.join')}
            </Anchor>
          </div>
        )}
        <div>
          <Anchor
            href={`/api/v1/orgs/${orgId}/me/rat/${m.id}/book.pdf`}
            target="_blank"
            fz={18}
            fw={700}
            td="underline"
            data-testid="my-rat-book"
          >
            {t('ratMeeting.portal.book')}
          </Anchor>
          <Text fz={16}>{t('ratMeeting.portal.bookHelp')}</Text>
        </div>
        {m.checkedInAt ? (
          <Alert
            color="green"
            variant="outline"
            bg="white"
            style={{ borderWidth: 3 }}
            data-testid="my-rat-checked-in"
          >
            <Text fz={20} fw={700} c="dark.9">
              ✓ {t('ratMeeting.portal.checkedIn')}
            </Text>
            <Text fz={16} c="dark.9">
              {t('ratMeeting.portal.checkedInAt', { at: dateTime(m.checkedInAt) })}
            </Text>
          </Alert>
        ) : (
          <>
            {inPerson && m.qr && (
              <Stack gap="xs" align="center">
                <Text fz={18} fw={700}>
                  {t('ratMeeting.portal.qrTitle')}
                </Text>
                <QrImage text={m.qr} alt={t('ratMeeting.portal.qrAlt')} />
                <Text fz={16} ta="center">
                  {t('ratMeeting.portal.qrHelp')}
                </Text>
              </Stack>
            )}
            {online && onTheDay && (
              <Stack gap="xs">
                <Button
                  size="xl"
                  fullWidth
                  onClick={() => checkIn.mutate()}
                  loading={checkIn.isPending}
                  data-testid="my-rat-checkin"
                >
                  {t('ratMeeting.portal.iAmHere')}
                </Button>
                <Text fz={16}>{t('ratMeeting.portal.iAmHereHelp')}</Text>
              </Stack>
            )}
          </>
        )}
        <ErrorAlert error={checkIn.error} />
        <MySecretBallots orgId={orgId} meeting={m} />
      </Stack>
    </Card>
  );
}
