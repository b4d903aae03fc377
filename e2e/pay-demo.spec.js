// The pay-with-a-post examples on the demo page, in English and Spanish,
// served by scripts/serve.mjs under the strict CSP: each renders its button,
// nothing violates the CSP, and the two buttons of the exclusive drop share
// one item, so unlocking one unlocks the other.
import { ORIGIN, clickForPopup, expect, payEvents, payPart, recordPayEvents, recorded, test } from './fixtures.js';

const DEMOS = [
  {
    path: '/',
    buttons: {
      '#pay-ebook': 'Share on X to unlock',
      '#pay-coupon': 'Share on Bluesky to unlock',
      '#pay-drop': 'Share on WhatsApp to unlock',
      '#pay-drop-threads': 'Share on Threads to unlock',
    },
    sibling: '#pay-drop-threads',
    item: 'winter-drop',
    intent: 'https://wa.me/?text=The%20Lumen%20%26%20Leaf%20winter%20drop%20opens%20soon%20'
      + 'https%3A%2F%2Flumenandleaf.example%2Fdrops%2Fwinter',
    revealed: { '#pay-drop': 'You\'re in: shop the winter drop now', sibling: 'Early access unlocked here too.' },
    announced: 'Unlocked. Thanks for sharing!',
  },
  {
    path: '/es/',
    buttons: {
      '#pay-ebook': 'Comparte en X para desbloquear',
      '#pay-coupon': 'Comparte en Bluesky para desbloquear',
      '#pay-drop': 'Comparte en WhatsApp para desbloquear',
      '#pay-drop-telegram': 'Comparte en Telegram para desbloquear',
    },
    sibling: '#pay-drop-telegram',
    item: 'coleccion-invierno',
    intent: 'https://wa.me/?text=La%20colecci%C3%B3n%20de%20invierno%20de%20Lumen%20%26%20Leaf%20llega%20pronto%20'
      + 'https%3A%2F%2Flumenandleaf.example%2Fes%2Fcolecciones%2Finvierno',
    revealed: { '#pay-drop': 'Ya estás dentro: compra la colección de invierno', sibling: 'Acceso anticipado desbloqueado aquí también.' },
    announced: 'Desbloqueado. ¡Gracias por compartir!',
  },
];

for (const demo of DEMOS) {
  test(`demo ${demo.path}: the pay examples render their buttons under the strict CSP, and unlocking the drop unlocks its second button`, async ({ page, consoleErrors, external }) => {
    await page.clock.install();
    await recordPayEvents(page);
    await page.goto(`${ORIGIN}${demo.path}`);

    for (const [host, label] of Object.entries(demo.buttons)) {
      await expect(payPart(page, 'button', host)).toHaveText(label);
      await expect(page.locator(host)).not.toHaveAttribute('unlocked');
      await expect(page.locator(`${host} > [data-sharelock-content]`)).toHaveCount(0);
    }
    expect(external).toEqual([]);

    const popup = await clickForPopup(page, payPart(page, 'button', '#pay-drop'));
    // The demo collects analytics, but a pay widget's post carries no share
    // reference (it is counted as an unlock, not a share).
    expect(popup.url()).toBe(demo.intent);
    await page.clock.fastForward('00:09');
    await popup.close();
    await page.clock.runFor(400);

    const drop = page.locator('#pay-drop > [data-sharelock-content]');
    await expect(drop).toHaveText(demo.revealed['#pay-drop']);
    await expect(drop).toBeFocused();
    await expect(page.locator('#pay-drop').getByRole('status')).toHaveText(demo.announced);
    await expect(page.locator(demo.sibling)).toHaveAttribute('unlocked', '');
    await expect(page.locator(`${demo.sibling} > [data-sharelock-content]`)).toHaveText(demo.revealed.sibling);
    // The other examples are other items: still locked.
    await expect(payPart(page, 'button', '#pay-ebook')).toBeVisible();
    await expect(payPart(page, 'button', '#pay-coupon')).toBeVisible();
    expect((await payEvents(page)).unlocks).toEqual([
      { item: demo.item, network: 'whatsapp', mode: 'intent', target: 'pay-drop' },
    ]);

    const log = await recorded(page);
    expect(log.violations).toEqual([]);
    expect(log.errors.filter((error) => error.target.startsWith('pay-'))).toEqual([]);
    expect(consoleErrors.filter((text) => text.includes('sharelock-pay'))).toEqual([]);
  });
}
