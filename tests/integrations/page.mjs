// Open a page of the built course notes in headless Chromium and report what a reader sees.
//
// usage: node page.mjs VIEWER_DIR URL SCREENSHOT.png
// prints JSON: {images: [{src, naturalWidth}], text, pageErrors}
import { withPage } from "../browser.mjs";

const [viewerDir, url, screenshot] = process.argv.slice(2);

const report = await withPage(viewerDir, { width: 1280, height: 900 }, async (tab) => {
  await tab.goto(url, { waitUntil: "load" });
  const seen = await tab.evaluate(async () => {
    const images = [...document.querySelectorAll("img.archgen-diagram")];
    await Promise.all(images.map((img) => (img.complete ? null : img.decode().catch(() => null))));
    return {
      images: images.map((img) => ({ src: img.getAttribute("src"), naturalWidth: img.naturalWidth })),
      text: document.body.innerText,
    };
  });
  await tab.screenshot({ path: screenshot, fullPage: true });  // the whole page: read it as notes
  return seen;
});
console.log(JSON.stringify(report));
