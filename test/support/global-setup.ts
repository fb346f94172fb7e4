// Placeholder: replaced by the database template builder.
export default function setup(): void {}
