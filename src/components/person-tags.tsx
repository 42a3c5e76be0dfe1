// How a person's categories and risk tier read on the roster and the detail page, and a person's row in a list.
import { CATEGORY_LABELS, RISK_TIERS, type Category, type RiskTier } from '../core/categories';
import { HOUSEHOLD_FLAG_LABELS, PERSON_FLAG_LABELS } from '../core/roster/person-capture';
import { ListRow } from './list-row';
import { Tag, type TagTone } from './tag';

const RISK_TONE: Record<RiskTier, TagTone> = { high: 'danger', priority: 'warn', general: 'neutral' };

export function RiskTag(props: { tier: RiskTier }) {
  return <Tag tone={RISK_TONE[props.tier]}>{RISK_TIERS[props.tier]}</Tag>;
}

export function PersonTags(props: { categories: readonly Category[]; riskTier: RiskTier; keyHousehold?: boolean }) {
  return (
    <>
      <RiskTag tier={props.riskTier} />
      {props.keyHousehold ? <Tag tone='danger'>{PERSON_FLAG_LABELS.keyHousehold}</Tag> : null}
      {props.categories.map((category) => (
        <Tag key={category} tone='info'>
          {CATEGORY_LABELS[category]}
        </Tag>
      ))}
    </>
  );
}

/** A household's flags: key household, floating population. */
export function HouseholdFlags(props: { keyHousehold?: boolean; floating?: boolean }) {
  return (
    <>
      {props.keyHousehold ? <Tag tone='danger'>{HOUSEHOLD_FLAG_LABELS.keyHousehold}</Tag> : null}
      {props.floating ? <Tag tone='neutral'>{HOUSEHOLD_FLAG_LABELS.floating}</Tag> : null}
    </>
  );
}

/** A person in a list (roster, search, the applicant chooser): name, a line about them, then their tags. */
export function PersonRow(props: {
  person: { name: string; categories: readonly Category[]; riskTier: RiskTier; keyHousehold?: boolean };
  meta?: string;
  onClick: () => void;
}) {
  const { person } = props;
  return (
    <ListRow
      title={person.name}
      meta={props.meta}
      tags={<PersonTags categories={person.categories} riskTier={person.riskTier} keyHousehold={person.keyHousehold} />}
      onClick={props.onClick}
    />
  );
}
