/** The element id of a consent request's card on the sub-processors page, so the overview can link to it. */
export const requestAnchor = (partyId: string) => `request-${partyId}`;
