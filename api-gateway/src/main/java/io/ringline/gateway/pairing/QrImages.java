package io.ringline.gateway.pairing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders a pairing payload as a QR code PNG (ZXing encodes, the JDK's ImageIO writes the PNG). Ringline draws
 * the code itself from GO's payload instead of passing on an image a GO server made: what reaches the tenant's
 * browser is an image Ringline knows to be a QR code of that text.
 */
final class QrImages {

    /** Pixels per QR module: large enough for a phone camera at arm's length. */
    private static final int MODULE_PIXELS = 6;
    private static final int QUIET_ZONE_MODULES = 4;
    private static final int MAX_PAYLOAD = 1024;

    private QrImages() {
    }

    static byte[] png(String payload) {
        if (payload.isEmpty() || payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a pairing payload is 1 to " + MAX_PAYLOAD + " characters");
        }
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the pairing payload cannot be a QR code: " + e.getMessage(), e);
        }
        int size = matrix.getWidth() * MODULE_PIXELS;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = matrix.get(x / MODULE_PIXELS, y / MODULE_PIXELS);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
