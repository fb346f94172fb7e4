import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLang } from './i18n';

export function LanguageToggle() {
  const { i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      data-testid="language-toggle"
      value={i18n.language === 'en' ? 'en' : 'id'}
      onChange={setLang}
      data={[
        { label: 'ID', value: 'id' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
