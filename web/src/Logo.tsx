/** A pillar (soko guru): the cooperative as the pillar of the people's economy. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1c7ed6" />
      <path
        d="M7 8h18v3H7zM9 11h3v13H9zM14.5 11h3v13h-3zM20 11h3v13h-3zM6 24h20v3H6z"
        fill="white"
      />
    </svg>
  );
}
